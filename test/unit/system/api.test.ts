// The declaration of the API held against the schema and the resolver sources, so that a
// resolver's file name (`Type.field.ts`) is a convention something checks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isObjectType } from 'graphql';
import { buildAppSyncSchema } from 'appsync-local/appsync/execution/schema.ts';
import { describe, expect, it } from 'vitest';
import { DATA_SOURCES, FUNCTIONS, RESOLVERS } from '../../../system/api.ts';
import { RESOLVER_SOURCE_DIR, SCHEMA_FILE } from '../../../system/artifacts.ts';

/** Fields whose resolver belongs to an issue still open; each must leave this list when it lands. */
const NOT_YET_RESOLVED = new Set<string>([]);

const schema = buildAppSyncSchema(readFileSync(SCHEMA_FILE, 'utf8'));
const declared = new Set(RESOLVERS.map((r) => `${r.typeName}.${r.fieldName}`));

function rootFields(): string[] {
  return ['Query', 'Mutation', 'Subscription'].flatMap((typeName) => {
    const type = schema.getType(typeName);
    return isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${typeName}.${field}`) : [];
  });
}

describe('the API declaration', () => {
  it('resolves every Query, Mutation and Subscription field of the schema', () => {
    const missing = rootFields().filter((field) => !declared.has(field) && !NOT_YET_RESOLVED.has(field));
    expect(missing).toEqual([]);
    expect([...NOT_YET_RESOLVED].filter((field) => declared.has(field))).toEqual([]);
  });

  it('declares resolvers only for fields the schema has, each once', () => {
    for (const { typeName, fieldName } of RESOLVERS) {
      const type = schema.getType(typeName);
      expect(isObjectType(type) && fieldName in type.getFields(), `${typeName}.${fieldName} is in the schema`).toBe(true);
    }
    expect(declared.size).toBe(RESOLVERS.length);
  });

  it('has a source file named Type.field.ts for each resolver, and no other at the top of resolvers/', () => {
    const files = readdirSync(RESOLVER_SOURCE_DIR).filter((name) => name.endsWith('.ts'));
    expect(files.sort()).toEqual([...declared].map((field) => `${field}.ts`).sort());
  });

  it('has a source file for each pipeline function, each used by some resolver, and no other', () => {
    const files = readdirSync(join(RESOLVER_SOURCE_DIR, 'functions')).filter((name) => name.endsWith('.ts'));
    expect(files.sort()).toEqual(FUNCTIONS.map((f) => `${f.name}.ts`).sort());
    const used = new Set(RESOLVERS.flatMap((r) => (r.kind === 'PIPELINE' ? r.functions : [])));
    expect(FUNCTIONS.filter((f) => !used.has(f.name)).map((f) => f.name)).toEqual([]);
    for (const name of used) expect(existsSync(join(RESOLVER_SOURCE_DIR, 'functions', `${name}.ts`)), name).toBe(true);
  });

  it('names only declared data sources, and uses each of them', () => {
    const named = [...RESOLVERS.flatMap((r) => (r.kind === 'UNIT' ? [r.dataSource] : [])), ...FUNCTIONS.map((f) => f.dataSource)];
    expect(named.filter((name) => !(name in DATA_SOURCES))).toEqual([]);
    expect(Object.keys(DATA_SOURCES).filter((name) => !named.includes(name))).toEqual([]);
  });
});
