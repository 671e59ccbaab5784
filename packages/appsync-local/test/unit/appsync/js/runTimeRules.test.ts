// What the APPSYNC_JS runtime lacks is absent from the sandbox too (or throws), whatever the load
// time checks let through: a call is a TypeError, reported as an exception in the code (AppSync's
// errorType "Code", with file:line:column). One test per rule, each naming its source:
// @aws-appsync/eslint-plugin 2.0.2's no-disallowed-methods (its DENIED_METHODS, "Method … is not
// implemented"), the documentation's "Supported runtime features"
// (https://docs.aws.amazon.com/appsync/latest/devguide/supported-features.html) and the context
// reference (https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsEvaluator, type Outcome } from '../../../../src/appsync/js/evaluator.ts';
import { createInvocation } from '../../../../src/appsync/js/invocation.ts';
import { code, serveInline } from '../../../support/inlineApi.ts';

const evaluator = new JsEvaluator();

/** Runs `body` as a request handler's; `ctx.args.x` hides a receiver's type from the load-time checks. */
function run(body: string, ctx: Record<string, unknown> = {}): Outcome {
  const loaded = evaluator.load(`export function request(ctx) {\n${body}\n}`, 'code.js');
  return evaluator.evaluate(loaded, 'request', { args: {}, stash: {}, ...ctx }, createInvocation('API_KEY'));
}

const codeError = (message: string) => ({ kind: 'codeError', message });

describe('no-disallowed-methods (@aws-appsync/eslint-plugin): the methods it lists are absent', () => {
  it.each([
    ['Array.from', "  const A = Array;\n  return A.from('ab');", 'code.js:3:12: TypeError: A.from is not a function'],
    ['Array.of', '  const A = Array;\n  return A.of(1);', 'code.js:3:12: TypeError: A.of is not a function'],
    ['Array.prototype.keys', '  return ctx.args.list.keys();', 'code.js:2:24: TypeError: ctx.args.list.keys is not a function'],
    [
      'Array.prototype.entries',
      '  return ctx.args.list.entries();',
      'code.js:2:24: TypeError: ctx.args.list.entries is not a function',
    ],
    [
      'Array.prototype.values',
      '  return ctx.args.list.values();',
      'code.js:2:24: TypeError: ctx.args.list.values is not a function',
    ],
    [
      'Array.prototype.copyWithin',
      '  return ctx.args.list.copyWithin(0, 1);',
      'code.js:2:24: TypeError: ctx.args.list.copyWithin is not a function',
    ],
    [
      'Array.prototype.toString',
      '  return ctx.args.list.toString();',
      'code.js:2:24: TypeError: ctx.args.list.toString is not a function',
    ],
    [
      'String.prototype.padStart',
      "  return ctx.args.s.padStart(3, '0');",
      'code.js:2:21: TypeError: ctx.args.s.padStart is not a function',
    ],
    [
      'String.prototype.padEnd',
      "  return ctx.args.s.padEnd(3, '0');",
      'code.js:2:21: TypeError: ctx.args.s.padEnd is not a function',
    ],
    ['String.prototype.repeat', '  return ctx.args.s.repeat(2);', 'code.js:2:21: TypeError: ctx.args.s.repeat is not a function'],
    [
      'String.prototype.charCodeAt',
      '  return ctx.args.s.charCodeAt(0);',
      'code.js:2:21: TypeError: ctx.args.s.charCodeAt is not a function',
    ],
    [
      'String.prototype.localeCompare',
      "  return ctx.args.s.localeCompare('b');",
      'code.js:2:21: TypeError: ctx.args.s.localeCompare is not a function',
    ],
    [
      'String.prototype.search',
      "  return ctx.args.s.search('a');",
      'code.js:2:21: TypeError: ctx.args.s.search is not a function',
    ],
    [
      'String.prototype.toLocaleUpperCase',
      '  return ctx.args.s.toLocaleUpperCase();',
      'code.js:2:21: TypeError: ctx.args.s.toLocaleUpperCase is not a function',
    ],
    [
      'String.prototype.valueOf',
      '  return ctx.args.s.valueOf();',
      'code.js:2:21: TypeError: ctx.args.s.valueOf is not a function',
    ],
    [
      'String.fromCharCode',
      '  const S = String;\n  return S.fromCharCode(65);',
      'code.js:3:12: TypeError: S.fromCharCode is not a function',
    ],
    [
      'Object.freeze (ObjectConstructor.freeze)',
      '  const O = Object;\n  return O.freeze({});',
      'code.js:3:12: TypeError: O.freeze is not a function',
    ],
    [
      'Object.create (ObjectConstructor.create)',
      '  const O = Object;\n  return O.create(null);',
      'code.js:3:12: TypeError: O.create is not a function',
    ],
    [
      'Object.defineProperty (ObjectConstructor.defineProperty)',
      "  const O = Object;\n  return O.defineProperty({}, 'a', {});",
      'code.js:3:12: TypeError: O.defineProperty is not a function',
    ],
    [
      'Object.getPrototypeOf (ObjectConstructor.getPrototypeOf)',
      '  const O = Object;\n  return O.getPrototypeOf({});',
      'code.js:3:12: TypeError: O.getPrototypeOf is not a function',
    ],
    [
      'Date.prototype.setFullYear',
      '  const d = new Date(0);\n  return d.setFullYear(2000);',
      'code.js:3:12: TypeError: d.setFullYear is not a function',
    ],
    [
      'Date.prototype.toLocaleDateString',
      '  const d = new Date(0);\n  return d.toLocaleDateString();',
      'code.js:3:12: TypeError: d.toLocaleDateString is not a function',
    ],
  ])('%s', (_method, body, message) => {
    expect(run(body, { args: { list: [1, 2], s: 'a' } })).toEqual(codeError(message));
  });

  it('Array.prototype.toString: an array converted to a string (a template, a join) throws as well', () => {
    expect(run('  return `ids: ${ctx.args.list}`;', { args: { list: [1, 2] } })).toEqual(
      codeError('code.js:2:27: TypeError: Cannot convert object to primitive value'),
    );
  });

  it('leaves what neither the documentation nor the plugin mention (String.prototype.includes, Math.abs, Map, Date getters)', () => {
    const body = "  return [ctx.args.s.includes('a'), Math.abs(-1), new Map([[1, 2]]).get(1), new Date(0).toISOString()];";
    expect(run(body, { args: { s: 'abc' } })).toEqual({ kind: 'value', value: [true, 1, 2, '1970-01-01T00:00:00.000Z'] });
  });
});

describe('Supported runtime features (documentation)', () => {
  it('Function: "The apply, bind, and call methods not are supported"', () => {
    expect(run('  const f = (x) => x;\n  return f.call(null, 1);')).toEqual(
      codeError('code.js:3:12: TypeError: f.call is not a function'),
    );
    expect(run('  const f = (x) => x;\n  const g = f.bind;\n  return typeof g + typeof f.apply;')).toEqual({
      kind: 'value',
      value: 'undefinedundefined',
    });
  });

  it('Function: "Function constructors are not supported"', () => {
    expect(run("  const F = (() => 1).constructor;\n  return F('return 1')();")).toEqual(
      codeError('code.js:3:10: EvalError: Code generation from strings disallowed for this context'),
    );
  });

  it('Promises: "promises are not supported": there is no Promise global', () => {
    expect(run("  return typeof globalThis['Prom' + 'ise'];")).toEqual({ kind: 'value', value: 'undefined' });
  });

  it('String: "Regular expressions are not supported": there is no RegExp global', () => {
    expect(run("  return typeof globalThis['Reg' + 'Exp'];")).toEqual({ kind: 'value', value: 'undefined' });
  });

  it('Array: "Array.prototype.sort() doesn\'t support arguments": sort with one throws, sort without sorts', () => {
    expect(
      run('  const by = { price: (a, b) => a - b };\n  return ctx.args.list.sort(by.price);', { args: { list: [2, 1] } }),
    ).toEqual(codeError("code.js:3:24: TypeError: Array.prototype.sort() doesn't support arguments in APPSYNC_JS"));
    expect(run('  return ctx.args.list.sort();', { args: { list: ['b', 'a', 'c'] } })).toEqual({
      kind: 'value',
      value: ['a', 'b', 'c'],
    });
  });

  it('keeps what it lists as supported: Object, String, Number, Math, Array, JSON, console and the globals', () => {
    const body = [
      "  const s = '  Hello, World  ';",
      '  return {',
      "    object: [Object.assign({}, { a: 1 }), Object.entries({ a: 1 }), Object.hasOwn({ a: 1 }, 'a'), Object.keys({ a: 1 }), Object.values({ a: 1 })],",
      "    string: [s.length, s.charAt(2), s.concat('!'), s.trim().endsWith('World'), s.indexOf('l'), s.lastIndexOf('l'), String.raw`a${1}`,",
      "      s.replace('l', 'L'), s.replaceAll('l', 'L'), s.slice(2, 7), s.trim().split(', '), s.trim().startsWith('He'), s.toLowerCase(),",
      '      s.toUpperCase(), s.trim(), s.trimEnd(), s.trimStart()],',
      '    number: [Number.isFinite(1), Number.isNaN(NaN), Infinity > 1, undefined === void 0],',
      '    math: [Math.min(1, 2), Math.max(1, 2), Math.round(1.5), Math.floor(1.5), Math.ceil(1.5), Math.random() < 1],',
      '    array: [[1, 2].concat([3]), [0, 0].fill(1), [[1], [2]].flat(), [1, 2].indexOf(2), [1, 2].join("-"), [1, 1].lastIndexOf(1),',
      '      [1, 2].reverse(), [1, 2, 3].slice(1), [3, 1, 2].sort(), [1, 2].map((x) => x * 2), [1, 2].flatMap((x) => [x, x]),',
      '      [1, 2].filter((x) => x > 1), [1, 2].reduce((a, x) => a + x, 0), [1, 2].reduceRight((a, x) => a + x, 0), [1, 2].find((x) => x > 1),',
      '      [1, 2].some((x) => x > 1), [1, 2].every((x) => x > 1), [1, 2].findIndex((x) => x > 1), [1, 2].findLast((x) => x > 0),',
      '      [1, 2].findLastIndex((x) => x > 0)],',
      '    json: JSON.parse(JSON.stringify({ a: [1] })),',
      '    logged: typeof console.log + typeof console.error,',
      '  };',
    ].join('\n');
    const outcome = run(body);
    expect(outcome).toMatchObject({ kind: 'value' });
    expect((outcome as { value: unknown }).value).toEqual({
      object: [{ a: 1 }, [['a', 1]], true, ['a'], [1]],
      string: [
        16,
        'H',
        '  Hello, World  !',
        true,
        4,
        12,
        'a1',
        '  HeLlo, World  ',
        '  HeLLo, WorLd  ',
        'Hello',
        ['Hello', 'World'],
        true,
        '  hello, world  ',
        '  HELLO, WORLD  ',
        'Hello, World',
        '  Hello, World',
        'Hello, World  ',
      ],
      number: [true, true, true, true],
      math: [1, 2, 2, 1, 2, true],
      array: [
        [1, 2, 3],
        [1, 1],
        [1, 2],
        1,
        '1-2',
        1,
        [2, 1],
        [2, 3],
        [1, 2, 3],
        [2, 4],
        [1, 1, 2, 2],
        [2],
        3,
        3,
        2,
        true,
        false,
        1,
        2,
        1,
      ],
      json: { a: [1] },
      logged: 'functionfunction',
    });
  });
});

describe('the context is read-only (no-disallowed-re-assignment: "ctx is readonly"; context reference: "You cannot delete or replace the entire stash")', () => {
  it('refuses, at run time, what the load-time check cannot see: a helper that replaces or deletes a property of ctx', () => {
    const helpers = 'function reset(context) { context.stash = {} }\nfunction drop(context) { delete context.result }\n';
    const load = (body: string) => evaluator.load(`${helpers}export function request(ctx) {\n${body}\n}`, 'code.js');
    const ctx = { args: {}, stash: { kept: 1 }, result: 2 };
    expect(evaluator.evaluate(load('  reset(ctx);\n  return 1;'), 'request', ctx, createInvocation('API_KEY'))).toEqual(
      codeError('code.js:1:41: TypeError: ctx is readonly. Adding/Updating stash is not supported.'),
    );
    expect(evaluator.evaluate(load('  drop(ctx);\n  return 1;'), 'request', ctx, createInvocation('API_KEY'))).toEqual(
      codeError('code.js:2:26: TypeError: ctx is readonly. Adding/Updating result is not supported.'),
    );
    expect(ctx).toEqual({ args: {}, stash: { kept: 1 }, result: 2 });
  });

  it("lets the handler change its properties' contents: the stash's entries, the arguments", () => {
    const ctx = { args: { id: 'a' }, stash: {} as Record<string, unknown> };
    const loaded = evaluator.load(
      "export function request(ctx) { ctx.stash.seen = true; Object.assign(ctx.stash, { more: 1 }); delete ctx.stash.more; ctx.args.id = 'b'; return JSON.stringify(ctx) }",
      'code.js',
    );
    expect(evaluator.evaluate(loaded, 'request', ctx, createInvocation('API_KEY'))).toEqual({
      kind: 'value',
      value: '{"args":{"id":"b"},"stash":{"seen":true}}',
    });
    expect(ctx.stash).toEqual({ seen: true });
  });

  describe('in a pipeline run by the engine', () => {
    let server: Awaited<ReturnType<typeof serveInline>>;

    beforeAll(async () => {
      server = await serveInline({
        schema: 'type Query { replaced: String  kept: String }',
        dataSources: { none: { type: 'NONE' } },
        functions: {
          replaceStash: {
            dataSource: 'none',
            code: code(`
              function keep(context, value) { context.stash = { value } }
              export function request(ctx) { return { payload: ctx.prev.result } }
              export function response(ctx) { keep(ctx, ctx.result); return ctx.result }
            `),
          },
          addToStash: {
            dataSource: 'none',
            code: code(`
              export function request(ctx) { return { payload: 'from the function' } }
              export function response(ctx) { ctx.stash.value = ctx.result; return ctx.result }
            `),
          },
        },
        resolvers: [
          {
            typeName: 'Query',
            fieldName: 'replaced',
            kind: 'PIPELINE',
            functions: ['replaceStash'],
            code: code(`
              export function request(ctx) { return 'before' }
              export function response(ctx) { return ctx.prev.result }
            `),
          },
          {
            typeName: 'Query',
            fieldName: 'kept',
            kind: 'PIPELINE',
            functions: ['addToStash'],
            code: code(`
              export function request(ctx) { return {} }
              export function response(ctx) { return ctx.stash.value + ' / ' + ctx.prev.result }
            `),
          },
        ],
      });
    });

    afterAll(() => server.close());

    it('a function replacing the stash fails the field with errorType Code; one adding to it passes what it adds on', async () => {
      const response = await server.query('{ replaced kept }');
      expect(response.body).toMatchObject({
        data: { replaced: null, kept: 'from the function / from the function' },
        errors: [
          {
            path: ['replaced'],
            errorType: 'Code',
            message: 'replaceStash.js:3:61: TypeError: ctx is readonly. Adding/Updating stash is not supported.',
          },
        ],
      });
    });
  });
});
