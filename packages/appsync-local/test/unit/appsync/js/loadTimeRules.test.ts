// What AppSync refuses when a resolver or function is created or updated ("The code contains one
// or more errors", each error a LINT_ERROR with its line and column:
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_CodeError.html), refused when the
// code is loaded. One test per rule: @aws-appsync/eslint-plugin 2.0.2's rules (the "base" and
// "recommended" configs, lib/index.js), with their messages, and the documentation's "Supported
// runtime features" (https://docs.aws.amazon.com/appsync/latest/devguide/supported-features.html).
import { describe, expect, it } from 'vitest';
import { CodeLoadError, JsEvaluator } from '../../../../src/appsync/js/evaluator.ts';
import { createInvocation } from '../../../../src/appsync/js/invocation.ts';

/** The load error's list of problems, as `code.js:line:column: message (rule)` entries. */
function problems(code: string): string[] {
  try {
    new JsEvaluator().load(code, 'code.js');
  } catch (error) {
    expect(error).toBeInstanceOf(CodeLoadError);
    const message = (error as Error).message;
    expect(message.startsWith('code.js: the code contains one or more errors: ')).toBe(true);
    return message.slice('code.js: the code contains one or more errors: '.length).split('; ');
  }
  return [];
}

const handler = (body: string) => `export function request(ctx) {\n${body}\n}`;

describe('the "base" rules of @aws-appsync/eslint-plugin', () => {
  it('no-async: refuses async functions', () => {
    expect(problems(handler('  const f = async () => 1;\n  return f;'))).toContain(
      'code.js:2:13: Async functions are not supported. (@aws-appsync/no-async)',
    );
  });

  it('no-await: refuses await (top-level await included)', () => {
    expect(problems(`const x = await 1;\n${handler('  return x;')}`)).toEqual([
      'code.js:1:11: The `await` keyword is not supported (@aws-appsync/no-await)',
    ]);
  });

  it('no-classes: refuses class declarations', () => {
    expect(problems(`class Cart {}\n${handler('  return 1;')}`)).toEqual([
      'code.js:1:1: Class declarations are not supported. (@aws-appsync/no-classes)',
    ]);
  });

  it('no-for: refuses for(;;) but not for-of and for-in', () => {
    expect(problems(handler('  for (const x of []) { }\n  for (const k in {}) { }\n  for (;;) { }'))).toEqual([
      'code.js:4:3: For statements are not supported. (@aws-appsync/no-for)',
    ]);
  });

  it('no-continue: refuses continue', () => {
    expect(problems(handler('  for (const x of []) { continue; }'))).toEqual([
      'code.js:2:25: Continue statements are not supported (@aws-appsync/no-continue)',
    ]);
  });

  it('no-generators and no-yield: refuse generator functions and yield', () => {
    expect(problems(`function* ids() { yield 1; }\n${handler('  return 1;')}`)).toEqual([
      'code.js:1:1: Generator functions are not supported. (@aws-appsync/no-generators)',
      'code.js:1:19: Yield statements are not supported (@aws-appsync/no-yield)',
    ]);
  });

  it('no-labels: refuses labeled statements', () => {
    expect(problems(handler('  outer: for (const x of []) { break outer; }'))).toEqual([
      'code.js:2:3: Labeled statements are not supported. (@aws-appsync/no-labels)',
    ]);
  });

  it('no-regex: refuses regular expression literals', () => {
    expect(problems(handler("  return 'a-b'.split(/-/);"))).toEqual([
      'code.js:2:22: Regex literals are not supported. (@aws-appsync/no-regex)',
    ]);
  });

  it('no-this: refuses this', () => {
    expect(problems(handler('  return this;'))).toEqual([
      'code.js:2:10: This expressions are not supported. (@aws-appsync/no-this)',
    ]);
  });

  it('no-try: refuses try/catch/finally', () => {
    expect(problems(handler('  try { return 1; } finally { }'))).toEqual([
      'code.js:2:3: Try statements are not supported. (@aws-appsync/no-try)',
    ]);
  });

  it('no-while: refuses while and do-while', () => {
    expect(problems(handler('  while (ctx.a) { }\n  do { } while (ctx.b);'))).toEqual([
      'code.js:2:3: While statements are not supported. (@aws-appsync/no-while)',
      'code.js:3:3: do...while statements are not supported. (@aws-appsync/no-while)',
    ]);
  });

  it('no-disallowed-unary-operators: refuses ++, -- and ~', () => {
    expect(problems(handler('  let n = 0;\n  n++;\n  --n;\n  return ~n;'))).toEqual([
      'code.js:3:3: The operator ++ is not supported (@aws-appsync/no-disallowed-unary-operators)',
      'code.js:4:3: The operator -- is not supported (@aws-appsync/no-disallowed-unary-operators)',
      'code.js:5:10: The operator ~ is not supported (@aws-appsync/no-disallowed-unary-operators)',
    ]);
  });

  it('no-disallowed-binary-operators: refuses instanceof', () => {
    expect(problems(handler('  return ctx.args instanceof Object;'))).toEqual([
      'code.js:2:10: The operator instanceof is not supported (@aws-appsync/no-disallowed-binary-operators)',
    ]);
  });

  it('no-in-operator: refuses in', () => {
    expect(problems(handler("  return 'id' in ctx.args;"))).toEqual([
      'code.js:2:10: in operator is not supported. Use Object.hasOwn(). (@aws-appsync/no-in-operator)',
    ]);
  });

  it('no-promise: refuses new Promise', () => {
    expect(problems(handler('  return new Promise(ctx.args.f);'))).toEqual([
      'code.js:2:10: Promise is not supported (@aws-appsync/no-promise)',
    ]);
  });

  it("no-disallowed-re-assignment: the context of request and response is read-only, its properties' contents are not", () => {
    const code = [
      'export function request(ctx) {',
      '  ctx.stash.cart = ctx.args.cart;',
      '  ctx.args.id = ctx.args.id ?? util.autoId();',
      '  ctx.stash = {};',
      "  ctx['result'] = 1;",
      '  delete ctx.args;',
      '  ctx = {};',
      '  return {};',
      '}',
      'export function response(context) {',
      '  const set = () => { context.result = 2 };',
      '  return set;',
      '}',
    ].join('\n');
    expect(problems(`import { util } from '@aws-appsync/utils';\n${code}`)).toEqual([
      'code.js:5:3: ctx is readonly. Adding/Updating stash is not supported. (@aws-appsync/no-disallowed-re-assignment)',
      'code.js:6:3: ctx is readonly. Adding/Updating result is not supported. (@aws-appsync/no-disallowed-re-assignment)',
      'code.js:7:10: ctx is readonly. Adding/Updating args is not supported. (@aws-appsync/no-disallowed-re-assignment)',
      'code.js:8:3: ctx is readonly and re-assignment is not supported. (@aws-appsync/no-disallowed-re-assignment)',
      'code.js:12:23: context is readonly. Adding/Updating result is not supported. (@aws-appsync/no-disallowed-re-assignment)',
      'code.js:13:3: returning a function is not allowed (@aws-appsync/no-function-return)',
    ]);
  });
  it('no-disallowed-re-assignment: also in a handler esbuild renamed and exports under its name', () => {
    const code = ['function request2(ctx) {', '  ctx.result = 1;', '  return {};', '}', 'export { request2 as request };'].join(
      '\n',
    );
    expect(problems(code)).toEqual([
      'code.js:2:3: ctx is readonly. Adding/Updating result is not supported. (@aws-appsync/no-disallowed-re-assignment)',
    ]);
  });
});

describe('the "recommended" rules of @aws-appsync/eslint-plugin (decided with types there, with scopes here)', () => {
  it('no-recursion: refuses a call from which a cycle of calls can be reached (documentation: "Recursive function calls are not supported")', () => {
    const code = [
      'function total(items) { return items.length === 0 ? 0 : items[0] + total(items.slice(1)) }',
      'const isEven = (n) => n === 0 || isOdd(n - 1);',
      'const isOdd = (n) => n !== 0 && isEven(n - 1);',
      handler('  return [total(ctx.args.items), isEven(2)];'),
    ].join('\n');
    expect(problems(code)).toEqual([
      'code.js:1:68: Recursive function calls not supported. Detected cycle in total <-total (@aws-appsync/no-recursion)',
      'code.js:2:34: Recursive function calls not supported. Detected cycle in isEven <-isOdd <-isEven (@aws-appsync/no-recursion)',
      'code.js:3:33: Recursive function calls not supported. Detected cycle in isOdd <-isEven <-isOdd (@aws-appsync/no-recursion)',
      'code.js:5:11: Recursive function calls not supported. Detected cycle in total <-total (@aws-appsync/no-recursion)',
      'code.js:5:34: Recursive function calls not supported. Detected cycle in isEven <-isOdd <-isEven (@aws-appsync/no-recursion)',
    ]);
  });

  it('no-function-passing: refuses a function passed to a function, or to a method other than Array\'s callback methods (documentation: "Passing a function as an argument is not supported"; "Array.prototype.sort() doesn\'t support arguments")', () => {
    const code = [
      'function byPrice(a, b) { return a.price - b.price }',
      'function apply(f, x) { return f(x) }',
      handler(
        '  const items = ctx.args.items.filter((item) => item.price > 0).map((item) => item);\n  apply(byPrice, 1);\n  return items.sort(byPrice);',
      ),
    ].join('\n');
    expect(problems(code)).toEqual([
      'code.js:5:3: Functions can not be passed as an argument (@aws-appsync/no-function-passing)',
      'code.js:6:10: Functions can not be passed as an argument (@aws-appsync/no-function-passing)',
    ]);
  });

  it('no-function-return: refuses a function that returns a function', () => {
    const code = [
      'function makeTotal() { return (items) => items.length }',
      'const later = () => makeTotal;',
      handler('  return 1;'),
    ].join('\n');
    expect(problems(code)).toEqual([
      'code.js:1:24: returning a function is not allowed (@aws-appsync/no-function-return)',
      'code.js:2:15: returning a function is not allowed (@aws-appsync/no-function-return)',
    ]);
  });

  it('no-function-reassign: refuses a function assigned to another name', () => {
    const code = [
      'function total(items) { return items.length }',
      'const sum = total;',
      'let other;',
      'other = total;',
      handler('  return 1;'),
    ].join('\n');
    expect(problems(code)).toEqual([
      'code.js:2:7: re-assigning function is not allowed (@aws-appsync/no-function-reassign)',
      'code.js:4:1: re-assigning function is not allowed (@aws-appsync/no-function-reassign)',
    ]);
  });

  it("no-disallowed-methods: refuses the methods it lists where the receiver needs no types (Object's statics, literals, new Date())", () => {
    const code = handler(
      "  const frozen = Object.freeze({});\n  const padded = 'a'.padStart(3);\n  const keys = [1, 2].keys();\n  const d = new Date(0).setFullYear(2000);\n  return [frozen, padded, keys, d];",
    );
    expect(problems(code)).toEqual([
      'code.js:2:18: Method ObjectConstructor.freeze is not implemented (@aws-appsync/no-disallowed-methods)',
      'code.js:3:18: Method String.padStart is not implemented (@aws-appsync/no-disallowed-methods)',
      'code.js:4:16: Method Array.keys is not implemented (@aws-appsync/no-disallowed-methods)',
      'code.js:5:13: Method Date.setFullYear is not implemented (@aws-appsync/no-disallowed-methods)',
    ]);
  });
});

describe('the documentation\'s "Supported runtime features"', () => {
  it('Statements and Error types: refuses throw ("Throwing errors with throw is not supported")', () => {
    expect(problems(handler("  throw new Error('no');"))).toEqual([
      'code.js:2:3: Throwing errors with `throw` is not supported. You can return an error by using util.error(). (supported-features)',
    ]);
  });

  it('Promises: refuses any use of Promise ("Async processes are not supported, and promises are not supported")', () => {
    expect(problems(handler('  return Promise.resolve(1);'))).toEqual([
      'code.js:2:10: Async processes are not supported, and promises are not supported. (supported-features)',
    ]);
  });

  it('loads what it lists as supported: statements, operators, literals, functions, and the built-ins it names', () => {
    const code = [
      "import { util } from '@aws-appsync/utils';",
      'const TAX = 0.5;',
      'var label = `total`;',
      'function add(a, ...rest) { return rest.reduce((sum, x) => sum + x, a) }',
      'export function request(ctx) {',
      '  let out = { ...ctx.args };',
      '  for (const [key, value] of Object.entries(ctx.args)) { if (value === null) { break } else { out[key] = value } }',
      '  for (const key in ctx.args) { if (!Object.hasOwn(ctx.args, key)) { delete out[key] } }',
      '  switch (typeof ctx.args.n) { case "number": out.n = (ctx.args.n | 0) ^ 1; break; default: out.n = void 0 }',
      '  const items = [3, 1, 2].sort().concat([4]).filter((x) => x > 1).map((x) => x * 2);',
      '  ctx.stash.seen = true;',
      '  Object.assign(ctx.stash, { more: 1 });',
      '  return { out, items, total: add(1, 2, 3) * (1 + TAX), label, id: ctx.args?.id ?? util.autoId(), s: `a\n${`b${1}`}` };',
      '}',
      'export const response = (ctx) => ctx.result;',
    ].join('\n');
    const evaluator = new JsEvaluator();
    const loaded = evaluator.load(code, 'code.js');
    const outcome = evaluator.evaluate(loaded, 'request', { args: { id: 'x', n: 4 }, stash: {} }, createInvocation('API_KEY'));
    expect(outcome).toMatchObject({ kind: 'value', value: { items: [4, 6, 8], total: 9, id: 'x', out: { id: 'x', n: 5 } } });
  });
});
