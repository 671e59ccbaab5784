// Loads the handler a declaration names: the same module and export the CDK app deploys.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HandlerReference } from '../system/handlers.ts';
import { REPO_ROOT } from '../system/artifacts.ts';

export async function loadHandler<T extends (...args: never[]) => unknown>(reference: HandlerReference): Promise<T> {
  const module = (await import(pathToFileURL(join(REPO_ROOT, reference.module)).href)) as Record<string, unknown>;
  const exported = module[reference.export];
  if (typeof exported !== 'function') {
    throw new Error(`${reference.module} has no exported function "${reference.export}".`);
  }
  return exported as T;
}
