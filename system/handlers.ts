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
