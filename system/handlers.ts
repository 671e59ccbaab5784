// Where a Lambda handler lives: the module (relative to the repo root) and its export. The CDK
// app bundles that module for Lambda; the local stack imports the same module and calls the
// same export.
export interface HandlerReference {
  readonly module: string;
  readonly export: string;
  /**
   * Packages the deployed function gets installed beside its bundle instead of bundled into it:
   * those that load their own files at run time, which esbuild cannot follow (pdfkit reads its
   * standard fonts' metrics through a `createRequire` of its package's `#standard-fonts/*`).
   */
  readonly installedPackages?: readonly string[];
}

export interface HandlerOptions {
  readonly export?: string;
  readonly installedPackages?: readonly string[];
}

export function handler(module: string, options: HandlerOptions = {}): HandlerReference {
  const { export: exportName = 'handler', installedPackages } = options;
  return { module, export: exportName, ...(installedPackages ? { installedPackages } : {}) };
}

/** The Lambda function name of a handler, as the CDK app names it and the local stack reports it. */
export function functionNameOf(service: string, reference: HandlerReference): string {
  const file = reference.module.split('/').pop()!.replace(/\.ts$/, '');
  return `${service}-${file}${reference.export === 'handler' ? '' : `-${reference.export}`}`;
}
