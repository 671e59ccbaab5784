// Loads an AppSync schema: the SDL as deployed, with AppSync's scalars and directives declared
// by the prelude and implemented by scalars.ts.
import { buildSchema, GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { APPSYNC_SCALAR_NAMES, createAppSyncScalar } from './scalars.ts';

/** AppSync's scalars and directives, for graphql-js and for tools (codegen, editors); never deployed. */
export const APPSYNC_PRELUDE_FILE = fileURLToPath(new URL('../../../appsync-prelude.graphql', import.meta.url));

let prelude: string | undefined;

export function appSyncPrelude(): string {
  prelude ??= readFileSync(APPSYNC_PRELUDE_FILE, 'utf8');
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
