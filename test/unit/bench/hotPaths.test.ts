// The per-request section of `npm run bench` at its smallest: every case must run (each checks its
// first answer) and the table must list it. Its figures are not asserted: they depend on the machine.
import { expect, it } from 'vitest';
import { benchHotPaths, renderHotPathsTable } from '../../../bench/hotPaths.ts';

it('measures every per-request case and prints them as a table', async () => {
  const cases = await benchHotPaths({ runs: 1, seconds: 0.1, warmupSeconds: 0, concurrency: 1, quick: true });
  expect(cases.map((c) => c.label)).toEqual([
    'SigV4 sign (signedFetch)',
    'SigV4 verify',
    'IAM policy check (3 statements)',
    'Cognito token (the same token again)',
    'API Gateway proxy request (in process)',
    'ctx of a field (getProduct)',
  ]);
  for (const c of cases) expect(c.calls).toBeGreaterThan(0);
  const table = renderHotPathsTable(cases);
  expect(table).toMatch(/^per request\s+p50 µs\s+p99 µs\s+calls$/m);
  expect(table.split('\n')).toHaveLength(cases.length + 1);
}, 30_000);
