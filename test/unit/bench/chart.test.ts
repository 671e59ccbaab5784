// The benchmark chart: one p50 and one p99 bar per series, on a logarithmic axis, escaped text.
import { describe, expect, it } from 'vitest';
import { formatMs, renderLatencyChart } from '../../../bench/chart.ts';

const widthOf = (svg: string, tooltip: string): number =>
  Number(new RegExp(`width="([\\d.]+)"[^>]*><title>${tooltip}`).exec(svg)?.[1]);

describe('renderLatencyChart', () => {
  const svg = renderLatencyChart(
    [
      { group: 'getProduct', label: 'fast', p50Ms: 2, p99Ms: 20 },
      { group: 'getProduct', label: 'slow', p50Ms: 200, p99Ms: 2000 },
      { group: 'checkout <all>', label: 'none', p50Ms: Number.NaN, p99Ms: Number.NaN },
    ],
    'a & b',
  );

  it('draws a p50 and a p99 bar per measured series, and leaves out unmeasured ones', () => {
    expect(svg.match(/<title>[^<]*: p50 /g)).toHaveLength(2);
    expect(svg.match(/<title>[^<]*: p99 /g)).toHaveLength(2);
    expect(svg).not.toContain('none');
  });

  it('puts equal ratios at equal distances (a logarithmic axis)', () => {
    const fast50 = widthOf(svg, 'fast: p50');
    const fast99 = widthOf(svg, 'fast: p99');
    const slow50 = widthOf(svg, 'slow: p50');
    const slow99 = widthOf(svg, 'slow: p99');
    expect(fast99 - fast50).toBeCloseTo(slow99 - slow50, 0);
    expect(slow50 - fast99).toBeCloseTo(fast99 - fast50, 0);
  });

  it('escapes text and is one SVG document', () => {
    expect(svg).toContain('a &amp; b');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });
});

describe('formatMs', () => {
  it('reads in µs, ms or s by size', () => {
    expect([formatMs(0.0062), formatMs(3.14), formatMs(58.4), formatMs(1368)]).toEqual(['6 µs', '3.1 ms', '58 ms', '1.4 s']);
  });
});
