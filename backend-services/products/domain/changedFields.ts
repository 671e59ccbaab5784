// Which top-level fields differ between two versions of an item: the `changed` of a Modified
// event. Values are compared by content; the order of a map's keys does not count.

export function changedFields(before: object, after: object): string[] {
  const [old, current] = [before as Record<string, unknown>, after as Record<string, unknown>];
  const names = new Set([...Object.keys(old), ...Object.keys(current)]);
  return [...names].filter((name) => !isDeepEqual(old[name], current[name])).sort();
}

export function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => isDeepEqual(item, b[i]));
  }
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const keys = Object.keys(aRecord);
  return (
    keys.length === Object.keys(bRecord).length && keys.every((key) => key in bRecord && isDeepEqual(aRecord[key], bRecord[key]))
  );
}
