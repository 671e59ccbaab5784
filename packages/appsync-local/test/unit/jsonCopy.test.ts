import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { jsonCopy, type Realm } from '../../src/jsonCopy.ts';

const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

const sparse = [1, , 3];
const nested: Record<string, unknown> = {};
let deepest = nested;
for (let i = 0; i < 100; i += 1) deepest = deepest['next'] = { i };

const CASES: [string, unknown][] = [
  [
    'a proxy event',
    { body: '{"a":"é \\"q\\""}', headers: { Host: 'h' }, multiValueHeaders: { Host: ['h'] }, pathParameters: null, n: 1 },
  ],
  ['undefined', undefined],
  ['a function', () => 1],
  ['a string', 'text'],
  ['NaN, ±Infinity and -0', [NaN, Infinity, -Infinity, -0, { a: NaN, b: -0 }]],
  [
    'undefined, functions and symbols in objects and arrays',
    { a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1, Symbol('s')] },
  ],
  ['a sparse array', sparse],
  ['a Date and a toJSON', { at: new Date(0), custom: { toJSON: () => 'custom' } }],
  ['a class instance', { p: new Point(1, 2) }],
  ['boxed primitives', [Object('s'), Object(1), Object(true)]],
  ['an object without a prototype', Object.assign(Object.create(null) as object, { a: 1 })],
  ['a __proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "b": 1}')],
  ['integer-like keys', { b: 1, 2: 'two', a: 3, 1: 'one' }],
  ['a Map and a Buffer', { m: new Map([[1, 2]]), buffer: Buffer.from('ab') }],
  ['a nesting deeper than the plain copy goes', nested],
  [
    'an object whose prototype is Array.prototype',
    Object.assign(Object.create(Array.prototype) as object, { length: 1, 0: 'a' }),
  ],
];

describe('jsonCopy', () => {
  it.each(CASES)('gives what crossing JSON gives for %s', (_label, value) => {
    const copy = jsonCopy(value);
    expect(copy).toStrictEqual(throughJson(value));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(throughJson(value)));
    expect(Object.getPrototypeOf(copy ?? {})).toBe(Object.getPrototypeOf(throughJson(value) ?? {}));
  });

  it('copies another realm’s plain objects and arrays into this realm when given its prototypes', () => {
    const context = vm.createContext({});
    const realm = vm.runInContext('({ objectPrototype: Object.prototype, arrayPrototype: Array.prototype })', context) as Realm;
    const value = vm.runInContext(
      '({ list: [1, { a: "b" }, undefined], when: new Date(0), n: NaN, fake: Object.assign(Object.create(Array.prototype), { length: 1 }) })',
      context,
    ) as Record<string, unknown>;
    const copy = jsonCopy(value, realm) as Record<string, unknown>;
    expect(copy).toStrictEqual(throughJson(value));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(copy['list'])).toBe(Array.prototype);
    const plain = vm.runInContext('({ list: [1, { a: "b" }], s: "x" })', context) as Record<string, unknown>;
    expect(jsonCopy(plain, realm)).toStrictEqual({ list: [1, { a: 'b' }], s: 'x' });
  });

  it('keeps -0 out, as JSON does', () => {
    expect(Object.is(jsonCopy(-0), 0)).toBe(true);
  });

  it('shares no object with the value', () => {
    const value = { headers: { a: 'b' }, list: [{ c: 1 }] };
    const copy = jsonCopy(value) as typeof value;
    expect(copy).not.toBe(value);
    expect(copy.headers).not.toBe(value.headers);
    expect(copy.list).not.toBe(value.list);
    expect(copy.list[0]).not.toBe(value.list[0]);
  });

  it('refuses what JSON refuses, with JSON’s error', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(() => jsonCopy(cyclic)).toThrow(/circular/i);
    expect(() => jsonCopy({ n: 1n })).toThrow(TypeError);
  });
});
