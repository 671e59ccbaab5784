// The schema the bare and peer servers serve: the API's own Product and Package types, read from
// schema/schema.graphql (printed without AppSync's auth directives), and the one query the
// benchmark sends (the runtime serves the whole schema). `createdDate` and `modifiedDate` stay
// AWSDateTime: the simulator declares AppSync's scalars itself, the bare server takes the prelude.
import { readFileSync } from 'node:fs';
import { printType } from 'graphql';
import { buildAppSyncSchema } from 'appsync-local/appsync/execution/schema.ts';
import { SCHEMA_FILE } from '../../system/artifacts.ts';

function printedTypes(...names: string[]): string {
  const api = buildAppSyncSchema(readFileSync(SCHEMA_FILE, 'utf8'));
  return names
    .map((name) => {
      const type = api.getType(name);
      if (!type) throw new Error(`schema/schema.graphql has no type ${name}.`);
      return printType(type);
    })
    .join('\n\n');
}

export const PRODUCT_SCHEMA_SDL = `${printedTypes('Package', 'Product')}\n\ntype Query { getProduct(productId: ID!): Product }\n`;
