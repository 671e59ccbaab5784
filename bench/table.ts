// The plain-text tables every benchmark section prints: columns three spaces apart, figures
// right-aligned, names and words left-aligned.

/** Aligns rows (the header first) into lines; `leftColumns` are left-aligned (default: the first). */
export function alignColumns(rows: readonly (readonly string[])[], leftColumns: readonly number[] = [0]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (leftColumns.includes(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('   ')
      .trimEnd(),
  );
}
