import { readFileSync } from 'node:fs';
import { isObjectType } from 'graphql';
import { buildAppSyncSchema } from 'appsync-local/appsync/execution/schema.ts';
import { describe, expect, it } from 'vitest';
import type { CatalogProduct, Package } from '../../../domain/catalog.ts';
import { SCHEMA_FILE } from '../../../system/artifacts.ts';

const schema = buildAppSyncSchema(readFileSync(SCHEMA_FILE, 'utf8'));

function fieldsOf(typeName: string): string[] {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`The schema has no object type ${typeName}.`);
  return Object.keys(type.getFields());
}

// Each key of the type exactly once: the compiler refuses a missing or an extra one.
const PACKAGE_FIELDS: Record<keyof Package, true> = { width: true, length: true, height: true, weight: true };
const CATALOG_PRODUCT_FIELDS: Record<keyof CatalogProduct, true> = {
  productId: true,
  name: true,
  price: true,
  package: true,
  stock: true,
};

describe('Package', () => {
  it('has the fields of the schema’s Package, no more and no fewer', () => {
    expect(Object.keys(PACKAGE_FIELDS).sort()).toEqual(fieldsOf('Package').sort());
  });
});

describe('CatalogProduct', () => {
  it('is made only of fields of the schema’s Product', () => {
    expect(Object.keys(CATALOG_PRODUCT_FIELDS).filter((field) => !fieldsOf('Product').includes(field))).toEqual([]);
  });
});
