// Value equality as DynamoDB means it: numbers by value ("1" equals "1.0"), sets without order.
// Used to tell whether a failed conditional PutItem already left the desired item in place, and to
// find batch results by key.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { encodeBase64 } from './convert.ts';
import type { AttributeMap } from './types.ts';

export function describeCanonically(value: AttributeValue): string {
  if (value.S !== undefined) return `S${JSON.stringify(value.S)}`;
  if (value.N !== undefined) return `N${canonicalNumber(value.N)}`;
  if (value.B !== undefined) return `B${encodeBase64(value.B)}`;
  if (value.SS !== undefined) return `SS${JSON.stringify(sortedUnique(value.SS))}`;
  if (value.NS !== undefined) return `NS${JSON.stringify(sortedUnique(value.NS.map(canonicalNumber)))}`;
  if (value.BS !== undefined) return `BS${JSON.stringify(sortedUnique(value.BS.map(encodeBase64)))}`;
  if (value.M !== undefined) return `M${describeMapCanonically(value.M)}`;
  if (value.L !== undefined) return `L[${value.L.map(describeCanonically).join(',')}]`;
  if (value.NULL !== undefined) return 'NULL';
  if (value.BOOL !== undefined) return `BOOL${value.BOOL}`;
  return '?';
}

export function describeMapCanonically(map: AttributeMap, names: readonly string[] = Object.keys(map)): string {
  const entries = [...names].sort().map((name) => {
    const value = map[name];
    return `${JSON.stringify(name)}:${value === undefined ? '-' : describeCanonically(value)}`;
  });
  return `{${entries.join(',')}}`;
}

/** Whether two items hold the same attributes and values, leaving out `ignored` attributes. */
export function itemsEqual(left: AttributeMap, right: AttributeMap, ignored: readonly string[] = []): boolean {
  const without = (item: AttributeMap): AttributeMap =>
    Object.fromEntries(Object.entries(item).filter(([name]) => !ignored.includes(name)));
  return describeMapCanonically(without(left)) === describeMapCanonically(without(right));
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** A decimal number as sign, significant digits and exponent, so equal values print equally. */
function canonicalNumber(text: string): string {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  let digits = `${whole}${fraction}`.replace(/^0+/, '');
  if (digits === '') return '0';
  let scale = Number(exponent) - fraction.length;
  const significant = digits.replace(/0+$/, '');
  scale += digits.length - significant.length;
  digits = significant;
  return `${sign === '-' ? '-' : ''}${digits}e${scale}`;
}
