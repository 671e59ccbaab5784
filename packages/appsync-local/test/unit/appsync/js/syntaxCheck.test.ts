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
    ['try { x() } catch (e) { }', 'try/catch/finally is not supported'],
    ["throw new Error('x')", 'throw is not supported: use util.error()'],
    ['while (true) { }', 'while loops are not supported'],
    ['do { } while (false)', 'do-while loops are not supported'],
    ['for (let i = 0; i < 3; i = i + 1) { }', 'for(;;) loops are not supported: use for-of or for-in'],
    ['for (const x of []) { continue }', 'continue is not supported'],
    ['outer: for (const x of []) { }', 'labeled statements are not supported'],
    ['class A {}', 'classes are not supported'],
    ['let i = 0; i++', 'the operator ++ is not supported'],
    ['return ~1', 'the operator ~ is not supported'],
    ["return 'a' in ctx", 'the operator in is not supported'],
    ['return ctx instanceof Object', 'the operator instanceof is not supported'],
    ['return /a+/.test("a")', 'regular expression literals are not supported: use util.matches()'],
    ['return this', 'this is not supported'],
    ['return Promise.resolve(1)', 'async processes and promises are not supported'],
    ['const f = async () => 1', 'async functions are not supported'],
    ['function* g() { }', 'generators are not supported'],
  ])('refuses %s', (body, message) => {
    expect(findUnsupportedSyntax(wrap(body))).toEqual([expect.objectContaining({ message })]);
  });

  it('reports the line and column of each problem', () => {
    expect(findUnsupportedSyntax(wrap('let a = 1;\n  a--;'))).toEqual([
      { line: 3, column: 3, message: 'the operator -- is not supported' },
    ]);
  });
});
