// What a DynamoDB item costs to write and read, and which partitions a write touches (the table's
// and each index's), from the item itself and the table's declaration (system/tables.ts).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { TableDeclaration } from '../../system/tables.ts';

export type Item = Record<string, AttributeValue>;

const KB = 1024;

/**
 * An item's size as DynamoDB counts it, near enough: each attribute's name in UTF-8 bytes plus its
 * value (strings in UTF-8 bytes, numbers about a byte per two significant digits plus one, maps and
 * lists 3 bytes plus a byte per element), per the Developer Guide's "Item sizes and formats".
 */
export function itemBytes(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueBytes(value), 0);
}

/** Write units of one write of an item: 1 per KB (rounded up), twice that inside a transaction. */
export function writeUnits(bytes: number, transactional: boolean): number {
  return Math.max(1, Math.ceil(bytes / KB)) * (transactional ? 2 : 1);
}

/** Read units of one strongly consistent read: 1 per 4 KB (rounded up); an eventually consistent one costs half. */
export function readUnits(bytes: number, strong = true): number {
  return Math.max(1, Math.ceil(bytes / (4 * KB))) * (strong ? 1 : 0.5);
}

/** A write's cost on one partition: of the table, or of one of its indexes. */
export interface PartitionWrite {
  /** `table` or `table.index`. */
  readonly where: string;
  /** The partition key's attribute and value, e.g. `status = NEW`. */
  readonly key: string;
  readonly wcu: number;
}

/**
 * The partitions one write of `item` touches: the table's (twice the units in a transaction) and
 * each global secondary index whose key the item carries (projection ALL, the CDK default the stack
 * keeps: the whole item again, at standard cost; an index is not part of the transaction).
 */
export function partitionWrites(table: TableDeclaration, item: Item, transactional: boolean): PartitionWrite[] {
  const bytes = itemBytes(item);
  const writes: PartitionWrite[] = [
    { where: table.name, key: keyOf(table.partitionKey.name, item), wcu: writeUnits(bytes, transactional) },
  ];
  for (const index of table.globalSecondaryIndexes ?? []) {
    if (!(index.partitionKey.name in item)) continue;
    writes.push({
      where: `${table.name}.${index.name}`,
      key: keyOf(index.partitionKey.name, item),
      wcu: writeUnits(bytes, false),
    });
  }
  return writes;
}

function keyOf(attribute: string, item: Item): string {
  const value = item[attribute];
  return `${attribute} = ${value?.S ?? value?.N ?? '?'}`;
}

function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/[-.]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, member) => sum + utf8(member), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, member) => sum + valueBytes({ N: member }), 0);
  if (value.L !== undefined) return 3 + value.L.reduce((sum, element) => sum + 1 + valueBytes(element), 0);
  if (value.M !== undefined)
    return 3 + Object.entries(value.M).reduce((sum, [name, v]) => sum + 1 + utf8(name) + valueBytes(v), 0);
  return 0;
}

function utf8(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
