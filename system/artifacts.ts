// Where the deployable artifacts are built, for the build script, the local stack and the CDK app.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RESOLVER_SOURCE_DIR = join(REPO_ROOT, 'resolvers');
export const RESOLVER_BUNDLE_DIR = join(REPO_ROOT, 'build', 'resolvers');
export const SCHEMA_FILE = join(REPO_ROOT, 'schema', 'schema.graphql');

/** The bundle of the resolver of Type.field. */
export function resolverBundlePath(typeName: string, fieldName: string): string {
  return join(RESOLVER_BUNDLE_DIR, `${typeName}.${fieldName}.js`);
}

/** The bundle of a pipeline function. */
export function functionBundlePath(name: string): string {
  return join(RESOLVER_BUNDLE_DIR, 'functions', `${name}.js`);
}
