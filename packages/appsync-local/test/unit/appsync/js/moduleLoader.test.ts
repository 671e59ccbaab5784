import { describe, expect, it } from 'vitest';
import { JsEvaluator } from '../../../../src/appsync/js/evaluator.ts';
import { createInvocation } from '../../../../src/appsync/js/invocation.ts';

const run = (code: string, ctx: unknown = {}, timeoutMs = 1000) => {
  const evaluator = new JsEvaluator({ timeoutMs });
  return evaluator.evaluate(evaluator.load(code, 'code.js'), 'request', ctx, createInvocation('API_KEY'));
};

describe('loading an ES module bundle', () => {
  it('reads esbuild-style imports with renames and a trailing export list', () => {
    const code = [
      '// resolvers/Query.x.ts',
      'import { util as util2 } from "@aws-appsync/utils";',
      'import * as ddb from "@aws-appsync/utils/dynamodb";',
      'function request(ctx) {',
      '  return { id: util2.autoId().length, op: ddb.get({ key: { id: ctx.args.id } }).operation };',
      '}',
      'export {',
      '  request',
      '};',
    ].join('\n');
    expect(run(code, { args: { id: 'a' } })).toEqual({ kind: 'value', value: { id: 36, op: 'GetItem' } });
  });

  it('reports an exception at the line and column of the original code', () => {
    const code = [
      "import { util } from '@aws-appsync/utils';",
      'export function request(ctx) {',
      '  for (const item of ctx.args.items) { const name = item.detail.name; }',
      '  return {};',
      '}',
    ].join('\n');
    const outcome = run(code, { args: { items: [{}] } });
    expect(outcome).toEqual({
      kind: 'codeError',
      message: "code.js:3:65: TypeError: Cannot read properties of undefined (reading 'name')",
    });
  });

  it('stops a handler at its time limit, even in a loop without end', () => {
    const code = [
      'export function request(ctx) {',
      '  const endless = { [Symbol.iterator]: () => ({ next: () => ({ done: false, value: 1 }) }) };',
      '  let n = 0;',
      '  for (const x of endless) { n = n + x }',
      '  return n;',
      '}',
    ].join('\n');
    expect(run(code, {}, 50)).toEqual({ kind: 'codeError', message: 'code.js: execution timed out after 50 ms' });
  });

  it('refuses a default export', () => {
    const evaluator = new JsEvaluator();
    expect(() => evaluator.load('export default function request() {}', 'd.js')).toThrow(/not a default export/);
  });
});
