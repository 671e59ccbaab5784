import { describe, expect, it } from 'vitest';
import { measureTestSuite, parseChildrenTimes, parseSummary, renderTestSuiteTable } from '../../../bench/testSuite.ts';

describe("the test suite's section", () => {
  it("reads the children's CPU time from bash's times", () => {
    expect(parseChildrenTimes('0m0.010s 0m0.002s\n9m31.050s 1m8.893s\n')).toBeCloseTo((571.05 + 68.893) * 1000, 3);
    expect(parseChildrenTimes('')).toBeNaN();
  });

  it("reads vitest's summary, coloured or not, failures included", () => {
    const output = [
      ' \x1b[2m Test Files \x1b[22m \x1b[1m\x1b[31m2 failed\x1b[39m\x1b[22m\x1b[2m | \x1b[22m\x1b[1m\x1b[32m262 passed\x1b[39m\x1b[22m\x1b[90m (264)\x1b[39m',
      '      Tests  3182 passed (3182)',
    ].join('\n');
    expect(parseSummary(output, 'Test Files')).toEqual({ passed: 262, failed: 2 });
    expect(parseSummary(output, 'Tests')).toEqual({ passed: 3182, failed: 0 });
  });

  it('times a command to its exit with the CPU its processes used, and keeps the tail of a failure', async () => {
    const busy = "node -e 'const t = Date.now(); while (Date.now() - t < 300);'";
    const passed = await measureTestSuite(`${busy} && echo ' Test Files  1 passed (1)' && echo ' Tests  2 passed (2)'`);
    expect(passed).toMatchObject({ exitCode: 0, files: { passed: 1, failed: 0 }, tests: { passed: 2, failed: 0 }, tail: '' });
    expect(passed.cpuMs).toBeGreaterThan(0);
    const failed = await measureTestSuite("echo ' Tests  1 failed | 1 passed (2)'; exit 3");
    expect(failed).toMatchObject({ exitCode: 3, tests: { passed: 1, failed: 1 } });
    expect(renderTestSuiteTable(failed)).toContain('THE SUITE FAILED');
  });

  it('says why it did not run', () => {
    expect(renderTestSuiteTable({ skipped: 'BENCH_SUITE=0' })).toBe('test suite: not run (BENCH_SUITE=0)');
  });
});
