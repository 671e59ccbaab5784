// Every resolver and pipeline function bundle (npm run build: esbuild, as AppSync's documentation
// recommends) loads under the runtime's APPSYNC_JS rules: what AppSync would refuse when the
// resolver is created (appsync-local's syntaxCheck.ts: @aws-appsync/eslint-plugin's rules and the
// documentation's) is refused here, so a bundle that fails this test would fail to deploy. The
// rules see the bundle, not the TypeScript source: what esbuild adds or rewrites is checked too.
import { readFileSync } from 'node:fs';
import { JsEvaluator } from 'appsync-local/appsync/js/evaluator.ts';
import { findUnsupportedSyntax } from 'appsync-local/appsync/js/syntaxCheck.ts';
import { describe, expect, it } from 'vitest';
import { functionBundlePath, resolverBundlePath } from '../../../system/artifacts.ts';
import { SYSTEM } from '../../../system/index.ts';

const bundles = [
  ...SYSTEM.resolvers.map((r) => ({ name: `${r.typeName}.${r.fieldName}`, path: resolverBundlePath(r.typeName, r.fieldName) })),
  ...SYSTEM.functions.map((f) => ({ name: f.name, path: functionBundlePath(f.name) })),
];

describe('the resolver bundles', () => {
  const evaluator = new JsEvaluator();

  it.each(bundles)('$name loads: nothing in it is a feature APPSYNC_JS lacks', ({ name, path }) => {
    const code = readFileSync(path, 'utf8');
    expect(findUnsupportedSyntax(code)).toEqual([]);
    expect(() => evaluator.load(code, `${name}.js`)).not.toThrow();
  });
});
