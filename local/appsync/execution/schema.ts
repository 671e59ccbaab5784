// Loads an AppSync schema: the SDL as deployed, with AppSync's scalars and directives declared
// by the prelude and implemented by scalars.ts.
import { buildSchema, GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { SCHEMA_PRELUDE_FILE } from '../../../system/artifacts.ts';
import { APPSYNC_SCALAR_NAMES, createAppSyncScalar } from './scalars.ts';

let prelude: string | undefined;

export function appSyncPrelude(): string {
  prelude ??= readFileSync(SCHEMA_PRELUDE_FILE, 'utf8');
  return prelude;
}

export function buildAppSyncSchema(sdl: string): GraphQLSchema {
  const schema = buildSchema(`${appSyncPrelude()}\n${sdl}`);
  for (const name of APPSYNC_SCALAR_NAMES) {
    const type = schema.getType(name);
    if (type instanceof GraphQLScalarType) {
      const implementation = createAppSyncScalar(name);
      type.serialize = implementation.serialize;
      type.parseValue = implementation.parseValue;
      type.parseLiteral = implementation.parseLiteral;
    }
  }
  return schema;
}
