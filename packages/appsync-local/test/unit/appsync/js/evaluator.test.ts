import { describe, expect, it } from 'vitest';
import { CodeLoadError, JsEvaluator, MAX_CODE_BYTES } from '../../../../src/appsync/js/evaluator.ts';
import { createInvocation } from '../../../../src/appsync/js/invocation.ts';

const MODULE = `import { util } from '@aws-appsync/utils';
export function request(ctx) { return { doubled: ctx.args.n * 2, fn: () => 1, missing: undefined } }
export function response(ctx) { return util.isNull(ctx.result) ? 'none' : ctx.result }`;

describe('JsEvaluator', () => {
  it('compiles the same code once and serves later loads from the cache', () => {
    const evaluator = new JsEvaluator();
    const first = evaluator.load(MODULE, 'a.js');
    const second = evaluator.load(MODULE, 'b.js');
    expect(second).toBe(first);
    expect(evaluator.stats).toEqual({ loads: 2, cacheHits: 1 });
  });

  it('returns what the handler returns as data, without functions or undefined values', () => {
    const evaluator = new JsEvaluator();
    const loaded = evaluator.load(MODULE, 'a.js');
    const outcome = evaluator.evaluate(loaded, 'request', { args: { n: 21 } }, createInvocation('API_KEY'));
    expect(outcome).toEqual({ kind: 'value', value: { doubled: 42 } });
  });

  it('hands out what crossing JSON would give, in this realm, sharing nothing with the sandbox', () => {
    const evaluator = new JsEvaluator();
    const loaded = evaluator.load(
      `export function request(ctx) {
        const shared = { kept: 1 };
        ctx.stash.shared = shared;
        return {
          list: [1, undefined, () => 1, NaN, -0, shared],
          when: new Date(0),
          custom: { toJSON: () => 'custom' },
          text: 'a "quoted" line',
          args: ctx.args,
          nothing: null,
        };
      }
      export function response(ctx) { return ctx.stash.shared.kept }`,
      'json.js',
    );
    const ctx = { args: { n: 1, tags: ['a'] }, stash: {} as Record<string, unknown> };
    const outcome = evaluator.evaluate(loaded, 'request', ctx, createInvocation('API_KEY'));
    const value = {
      list: [1, null, null, null, 0, { kept: 1 }],
      when: '1970-01-01T00:00:00.000Z',
      custom: 'custom',
      text: 'a "quoted" line',
      args: { n: 1, tags: ['a'] },
      nothing: null,
    };
    expect(outcome).toStrictEqual({ kind: 'value', value });
    const { list, args } = (outcome as { value: typeof value }).value;
    expect(Object.is(list[4], 0)).toBe(true);
    expect(list[5]).not.toBe(ctx.stash['shared']);
    expect(args).not.toBe(ctx.args);
    expect(Object.getPrototypeOf(list)).toBe(Array.prototype);
    expect(Object.getPrototypeOf(args.tags)).toBe(Array.prototype);
  });

  it('fails the handler, as a code error, on a value JSON cannot write', () => {
    const evaluator = new JsEvaluator();
    const loaded = evaluator.load(`export function request(ctx) { const a = {}; a.self = a; return a }`, 'cycle.js');
    const outcome = evaluator.evaluate(loaded, 'request', {}, createInvocation('API_KEY'));
    expect(outcome).toMatchObject({ kind: 'codeError', message: expect.stringMatching(/circular/i) });
  });

  it('refuses code larger than AppSync accepts', () => {
    const evaluator = new JsEvaluator();
    const huge = `export function request() { return '${'x'.repeat(MAX_CODE_BYTES)}' }`;
    expect(() => evaluator.load(huge, 'huge.js')).toThrow(CodeLoadError);
  });

  it('refuses imports other than @aws-appsync/utils', () => {
    const evaluator = new JsEvaluator();
    expect(() => evaluator.load("import fs from 'node:fs'; export function request() { return fs }", 'fs.js')).toThrow(
      /may import only @aws-appsync\/utils/,
    );
  });

  it('refuses the RDS and Bedrock helper modules, which the runtime does not emulate', () => {
    const evaluator = new JsEvaluator();
    for (const module of ['@aws-appsync/utils/rds', '@aws-appsync/utils/ai']) {
      expect(() => evaluator.load(`import * as m from '${module}'; export function request() { return {} }`, 'm.js')).toThrow(
        new RegExp(`cannot import "${module}"`),
      );
    }
  });

  it('refuses code that uses a feature APPSYNC_JS lacks, naming the place', () => {
    const evaluator = new JsEvaluator();
    expect(() => evaluator.load("export function request() {\n  throw new Error('no')\n}", 'thrower.js')).toThrow(
      'thrower.js: the code contains one or more errors: thrower.js:2:3: Throwing errors with `throw` is not supported. You can return an error by using util.error(). (supported-features)',
    );
  });

  it('reports code that does not parse as a load error', () => {
    const evaluator = new JsEvaluator();
    expect(() => evaluator.load('export function request( {', 'broken.js')).toThrow(/contains one or more errors/);
  });

  it('gives resolver code no eval and no access to the host process', () => {
    const evaluator = new JsEvaluator();
    const loaded = evaluator.load(
      "export function request() { return { process: typeof process, require: typeof require, evaluated: (() => { const f = globalThis['ev' + 'al']; return typeof f })() } }",
      'probe.js',
    );
    const outcome = evaluator.evaluate(loaded, 'request', {}, createInvocation('API_KEY'));
    expect(outcome).toEqual({ kind: 'value', value: { process: 'undefined', require: 'undefined', evaluated: 'function' } });
    const evalLoaded = evaluator.load("export function request() { return globalThis['ev' + 'al']('1 + 1') }", 'eval.js');
    expect(evaluator.evaluate(evalLoaded, 'request', {}, createInvocation('API_KEY'))).toEqual({
      kind: 'codeError',
      message: expect.stringContaining('EvalError'),
    });
  });
});
