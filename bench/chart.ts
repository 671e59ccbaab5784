// The benchmark's one chart: p50 and p99 latency of every measured operation as horizontal bars
// on a logarithmic axis (the figures run from microseconds-scale queries to seconds of queued
// checkouts), grouped by section. A plain SVG string, no dependency: it opens in any browser
// and renders on GitHub beside bench/results.md.

export interface LatencySeries {
  /** The section the bar belongs to, e.g. "getProduct". */
  readonly group: string;
  readonly label: string;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const ROW = 22;
const GROUP_GAP = 16;
const LABEL_WIDTH = 300;
const PLOT_WIDTH = 560;
const TOP = 56;
const BOTTOM = 48;
const P50_COLOUR = '#2f6db5';
const P99_COLOUR = '#e08a2c';

export function renderLatencyChart(series: readonly LatencySeries[], title: string): string {
  const measured = series.filter((s) => Number.isFinite(s.p50Ms) && Number.isFinite(s.p99Ms) && s.p99Ms > 0);
  const values = measured.flatMap((s) => [s.p50Ms, s.p99Ms]).filter((v) => v > 0);
  const low = values.length ? 10 ** Math.floor(Math.log10(Math.min(...values))) : 0.1;
  const high = values.length ? 10 ** Math.ceil(Math.log10(Math.max(...values))) : 10;
  const x = (ms: number): number =>
    LABEL_WIDTH + (PLOT_WIDTH * (Math.log10(Math.max(ms, low)) - Math.log10(low))) / (Math.log10(high) - Math.log10(low));

  const rows: string[] = [];
  let y = TOP;
  let group: string | undefined;
  for (const s of measured) {
    if (s.group !== group) {
      if (group !== undefined) y += GROUP_GAP;
      group = s.group;
      rows.push(text(8, y + 12, s.group, 'font-weight="bold"'));
      y += ROW;
    }
    rows.push(text(20, y + 14, s.label));
    rows.push(bar(x(s.p99Ms), y + 3, P99_COLOUR, `${s.label}: p99 ${formatMs(s.p99Ms)}`));
    rows.push(bar(x(s.p50Ms), y + 3, P50_COLOUR, `${s.label}: p50 ${formatMs(s.p50Ms)}`));
    rows.push(text(x(s.p99Ms) + 4, y + 14, `${formatMs(s.p50Ms)} / ${formatMs(s.p99Ms)}`, 'fill="#444"'));
    y += ROW;
  }

  const height = y + BOTTOM;
  const width = LABEL_WIDTH + PLOT_WIDTH + 120;
  const axis: string[] = [];
  for (let decade = low; decade <= high * 1.0001; decade *= 10) {
    const at = x(decade);
    axis.push(`<line x1="${at}" y1="${TOP - 6}" x2="${at}" y2="${y}" stroke="#ddd"/>`);
    axis.push(text(at, y + 16, formatDecade(decade), 'text-anchor="middle" fill="#444"'));
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    text(8, 20, title, 'font-size="15" font-weight="bold"'),
    `<rect x="${LABEL_WIDTH}" y="30" width="12" height="10" fill="${P50_COLOUR}"/>`,
    text(LABEL_WIDTH + 16, 39, 'p50'),
    `<rect x="${LABEL_WIDTH + 56}" y="30" width="12" height="10" fill="${P99_COLOUR}"/>`,
    text(LABEL_WIDTH + 72, 39, 'p99'),
    text(LABEL_WIDTH + 112, 39, 'latency, logarithmic axis (medians of the runs)', 'fill="#444"'),
    ...axis,
    ...rows,
    text(LABEL_WIDTH + PLOT_WIDTH / 2, y + 36, 'latency (logarithmic)', 'text-anchor="middle" fill="#444"'),
    '</svg>',
    '',
  ].join('\n');

  function bar(end: number, top: number, colour: string, tooltip: string): string {
    return `<rect x="${LABEL_WIDTH}" y="${top}" width="${Math.max(1, end - LABEL_WIDTH).toFixed(1)}" height="${ROW - 6}" fill="${colour}"><title>${escape(tooltip)}</title></rect>`;
  }
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y}" ${attributes}>${escape(content)}</text>`;
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}

/** An axis tick: a power of ten, in the unit that makes it a whole number. */
function formatDecade(ms: number): string {
  if (ms >= 1000) return `${Math.round(ms / 1000)} s`;
  if (ms >= 1) return `${Math.round(ms)} ms`;
  return `${Math.round(ms * 1000)} µs`;
}

function escape(content: string): string {
  return content.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
