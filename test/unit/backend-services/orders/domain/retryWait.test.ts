import { describe, expect, it } from 'vitest';
import { MAX_WAIT_MS, retryPauses, waitBudgetMs } from '../../../../../backend-services/orders/domain/retryWait.ts';

describe('waitBudgetMs', () => {
  it('waits at most MAX_WAIT_MS however long the invocation may still run', () => {
    expect(waitBudgetMs(60_000)).toBe(MAX_WAIT_MS);
  });

  it('keeps 2 s of the invocation for answering', () => {
    expect(waitBudgetMs(2_400)).toBe(400);
    expect(waitBudgetMs(1_000)).toBeLessThan(0);
  });
});

describe('retryPauses', () => {
  it('pauses between half and all of a step that grows by half from 100 ms up to 1 s', () => {
    const take = (random: () => number, count: number) => {
      const pauses = retryPauses(random);
      return Array.from({ length: count }, () => pauses.next().value);
    };
    expect(take(() => 1, 8)).toEqual([100, 150, 225, 337.5, 506.25, 759.375, 1_000, 1_000]);
    expect(take(() => 0, 3)).toEqual([50, 75, 112.5]);
  });
});
