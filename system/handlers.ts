// Where a Lambda handler lives: the module (relative to the repo root) and its export. The CDK
// app bundles that module for Lambda; the local stack imports the same module and calls the
// same export.
export interface HandlerReference {
  readonly module: string;
  readonly export: string;
}

export function handler(module: string, exportName = 'handler'): HandlerReference {
  return { module, export: exportName };
}

/** The Lambda function name of a handler, as the CDK app names it and the local stack reports it. */
export function functionNameOf(service: string, reference: HandlerReference): string {
  const file = reference.module.split('/').pop()!.replace(/\.ts$/, '');
  return `${service}-${file}${reference.export === 'handler' ? '' : `-${reference.export}`}`;
}
