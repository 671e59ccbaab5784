// findUnsupportedSyntax: each rule of @aws-appsync/eslint-plugin 2.0.2 (lib/rules/<name>.js) that
// decides without types, with the plugin's message, and the one rule from the documentation
// ("Supported runtime features", https://docs.aws.amazon.com/appsync/latest/devguide/supported-features.html).
// loadTimeRules.test.ts loads code through the evaluator; this file checks the rule table.
import { describe, expect, it } from 'vitest';
import { findUnsupportedSyntax } from '../../../../src/appsync/js/syntaxCheck.ts';

const wrap = (body: string) => `export function request(ctx) {\n${body}\n}`;

describe('findUnsupportedSyntax', () => {
  it('accepts the APPSYNC_JS subset: const, let, for-of, for-in, spread, ?., ??, templates, arrows', () => {
    const code = wrap(
      'const out = []; let total = 0;\nfor (const x of ctx.args.list ?? []) { total = total + x; out.push({ ...x, n: `${x}` }) }\nfor (const k in ctx.args) { if (k === "a") { break } }\nconst f = (a, ...rest) => a?.b ?? rest.length;\nswitch (total) { case 1: return f(1); default: return out }',
    );
    expect(findUnsupportedSyntax(code)).toEqual([]);
  });

  it.each([
    ['try { x() } catch (e) { }', 'Try statements are not supported.', '@aws-appsync/no-try'],
    [
      "throw new Error('x')",
      'Throwing errors with `throw` is not supported. You can return an error by using util.error().',
      'supported-features',
    ],
    ['while (true) { }', 'While statements are not supported.', '@aws-appsync/no-while'],
    ['do { } while (false)', 'do...while statements are not supported.', '@aws-appsync/no-while'],
    ['for (let i = 0; i < 3; i = i + 1) { }', 'For statements are not supported.', '@aws-appsync/no-for'],
    ['for (const x of []) { continue }', 'Continue statements are not supported', '@aws-appsync/no-continue'],
    ['outer: for (const x of []) { }', 'Labeled statements are not supported.', '@aws-appsync/no-labels'],
    ['class A {}', 'Class declarations are not supported.', '@aws-appsync/no-classes'],
    ['let i = 0; i++', 'The operator ++ is not supported', '@aws-appsync/no-disallowed-unary-operators'],
    ['return ~1', 'The operator ~ is not supported', '@aws-appsync/no-disallowed-unary-operators'],
    ["return 'a' in ctx", 'in operator is not supported. Use Object.hasOwn().', '@aws-appsync/no-in-operator'],
    ['return ctx instanceof Object', 'The operator instanceof is not supported', '@aws-appsync/no-disallowed-binary-operators'],
    ['return /a+/.test("a")', 'Regex literals are not supported.', '@aws-appsync/no-regex'],
    ['return this', 'This expressions are not supported.', '@aws-appsync/no-this'],
    ['return new Promise(() => 1)', 'Promise is not supported', '@aws-appsync/no-promise'],
    ['return Promise.resolve(1)', 'Async processes are not supported, and promises are not supported.', 'supported-features'],
    ['const f = async () => 1', 'Async functions are not supported.', '@aws-appsync/no-async'],
    ['function* g() { }', 'Generator functions are not supported.', '@aws-appsync/no-generators'],
  ])('refuses %s', (body, message, rule) => {
    expect(findUnsupportedSyntax(wrap(body))).toEqual([expect.objectContaining({ message, rule })]);
  });

  it('reports the line and column of each problem', () => {
    expect(findUnsupportedSyntax(wrap('let a = 1;\n  a--;'))).toEqual([
      { line: 3, column: 3, message: 'The operator -- is not supported', rule: '@aws-appsync/no-disallowed-unary-operators' },
    ]);
  });

  it('follows names to their declarations: a shadowing parameter or variable is not the global or the handler context', () => {
    const code = [
      'function wrap(Promise) { return Promise.resolve(1) }',
      'export function request(ctx) {',
      '  const Object = { freeze: (x) => x };',
      '  if (ctx.args.x) { const ctx = { stash: {} }; ctx.stash = 1; }',
      '  return [wrap, Object.freeze(1)];',
      '}',
    ].join('\n');
    expect(findUnsupportedSyntax(code)).toEqual([]);
  });
});
