// `npm test`'s two vitest runs side by side (scripts/test.ts): the one project whose files go one
// at a time in a run of its own, every other project in the other, and one plain run when the
// developer names files or projects.
import { describe, expect, it } from 'vitest';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import config from '../../../vitest.config.ts';
import { SEPARATE_PROJECT, testRuns } from '../../../scripts/test.ts';

const projects = (config.test?.projects ?? []) as TestProjectInlineConfiguration[];

describe('npm test', () => {
  it('runs the e2e project in a vitest run of its own, beside one of every other project', () => {
    expect(testRuns([])).toEqual([
      ['run', '--project', '!e2e'],
      ['run', '--project', 'e2e'],
    ]);
  });

  it('is one plain vitest run when given files or options', () => {
    expect(testRuns(['test/unit/domain/cart.test.ts'])).toEqual([['run', 'test/unit/domain/cart.test.ts']]);
    expect(testRuns(['--project', 'unit'])).toEqual([['run', '--project', 'unit']]);
  });

  it('runs apart exactly the projects whose files go one at a time (vitest would run them last, alone)', () => {
    const oneFileAtATime = projects.filter((project) => project.test?.fileParallelism === false).map((p) => p.test?.name);
    expect(oneFileAtATime).toEqual([SEPARATE_PROJECT]);
    expect(projects.map((project) => project.test?.name)).toContain(SEPARATE_PROJECT);
  });
});
