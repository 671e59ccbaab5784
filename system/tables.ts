// The DynamoDB tables of the system and their indexes. The local stack creates them in DynamoDB
// Local; the CDK app creates them in AWS. Nothing else lists them.

export type AttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface IndexDeclaration {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableDeclaration {
  /** The logical name; AWS gets a generated physical name, passed to resolvers through ctx.env. */
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes?: readonly IndexDeclaration[];
  /** Tables whose changes are published as events have a stream of both images. */
  readonly stream?: 'NEW_AND_OLD_IMAGES';
}

export const PRODUCTS_TABLE = {
  name: 'products',
  partitionKey: { name: 'productId', type: 'S' },
  globalSecondaryIndexes: [
    { name: 'byCategory', partitionKey: { name: 'category', type: 'S' }, sortKey: { name: 'productId', type: 'S' } },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
} as const satisfies TableDeclaration;

/** One row per cart line: a user's cart is the rows under their userId. */
export const CARTS_TABLE = {
  name: 'carts',
  partitionKey: { name: 'userId', type: 'S' },
  sortKey: { name: 'productId', type: 'S' },
} as const satisfies TableDeclaration;

export const TABLES: readonly TableDeclaration[] = [PRODUCTS_TABLE, CARTS_TABLE];
