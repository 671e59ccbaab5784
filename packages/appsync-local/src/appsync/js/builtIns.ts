// The built-ins the APPSYNC_JS runtime lacks, and a vm context made to lack them too. Set up
// once per context (the evaluator's), so handler calls pay nothing for it.
//
// Sources:
// - "Supported runtime features" (https://docs.aws.amazon.com/appsync/latest/devguide/supported-features.html):
//   Function: "The apply, bind, and call methods not are supported" ("Function constructors are not
//   supported" holds already: the context allows no code generation from strings); Promises:
//   "promises are not supported"; String: "Regular expressions are not supported"; Array:
//   "Array.prototype.sort() doesn't support arguments".
// - @aws-appsync/eslint-plugin 2.0.2, rule no-disallowed-methods: its DENIED_METHODS ("Method … is
//   not implemented"), listed below by where each method lives. Its `String.raw` is left out: the
//   documentation lists `String.raw()` as supported.
// What the sources do not mention (Map, Set, Proxy, Intl, Symbol, String.prototype.includes,
// Math.abs…) is left as V8 has it. This shapes the context's realm only: arrays made by the host
// keep V8's Array.prototype, so the values handed to handlers are copied into the realm
// (contextView.ts).
import vm from 'node:vm';

/** no-disallowed-methods' DENIED_METHODS: static methods, by constructor. */
export const NOT_IMPLEMENTED_STATICS = {
  Array: ['from', 'of'],
  Object: [
    'create',
    'defineProperties',
    'defineProperty',
    'freeze',
    'getOwnPropertyDescriptor',
    'getOwnPropertyDescriptors',
    'getOwnPropertyNames',
    'getOwnPropertySymbols',
    'getPrototypeOf',
    'hasOwnProperty',
    'is',
    'isExtensible',
    'isFrozen',
    'isPrototypeOf',
    'isSealed',
    'preventExtensions',
    'propertyIsEnumerable',
    'seal',
    'setPrototypeOf',
    'toLocaleString',
    'toString',
    'valueOf',
  ],
  String: ['fromCharCode', 'fromCodePoint'],
} as const;

/** no-disallowed-methods' DENIED_METHODS: instance methods, by constructor. */
export const NOT_IMPLEMENTED_METHODS = {
  Array: ['copyWithin', 'entries', 'group', 'groupToMap', 'keys', 'toLocaleString', 'toString', 'values'],
  String: [
    'charCodeAt',
    'localeCompare',
    'matchAll',
    'padEnd',
    'padStart',
    'repeat',
    'search',
    'toLocaleLowerCase',
    'toLocaleUpperCase',
    'valueOf',
  ],
  Date: [
    'setDate',
    'setFullYear',
    'setHours',
    'setMilliseconds',
    'setMinutes',
    'setMonth',
    'setSeconds',
    'setTime',
    'setUTCDate',
    'setUTCFullYear',
    'setUTCHours',
    'setUTCMilliseconds',
    'setUTCMinutes',
    'setUTCMonth',
    'setUTCSeconds',
    'setYear',
    'toGMTString',
    'toLocaleDateString',
    'toLocaleString',
    'toLocaleTimeString',
  ],
} as const;

/** Supported runtime features, Function: "The apply, bind, and call methods not are supported". */
export const UNSUPPORTED_FUNCTION_METHODS = ['apply', 'bind', 'call'] as const;

/** Globals the documentation says APPSYNC_JS lacks: promises, and regular expressions. */
export const UNSUPPORTED_GLOBALS = ['Promise', 'RegExp'] as const;

export const SORT_ARGUMENTS_MESSAGE = "Array.prototype.sort() doesn't support arguments in APPSYNC_JS";

type Bag = Record<string, unknown>;

/**
 * Removes from the context's realm what APPSYNC_JS lacks. A method is deleted; where deleting it
 * would expose one of the same name further up the prototype chain (Array.prototype.toString
 * would fall back to Object.prototype.toString), the name is set to undefined instead, so that
 * the method is absent either way: calling it is a TypeError ("… is not a function").
 */
export function restrictBuiltIns(context: vm.Context): void {
  const global = vm.runInContext('globalThis', context) as Bag;
  const constructor = (name: string) => global[name] as Bag & { prototype: Bag };

  // Array.prototype.sort without a comparator only; the wrapper is made in the context's realm.
  const wrapSort = new vm.Script(
    `(function (sort, message) {
      'use strict';
      const callSort = Function.prototype.call.bind(sort);
      return { sort(...args) { if (args.length > 0) throw new TypeError(message); return callSort(this); } }.sort;
    })`,
  ).runInContext(context) as (sort: unknown, message: string) => unknown;
  const arrayPrototype = constructor('Array').prototype;
  Object.defineProperty(arrayPrototype, 'sort', {
    value: wrapSort(arrayPrototype.sort, SORT_ARGUMENTS_MESSAGE),
    writable: true,
    enumerable: false,
    configurable: true,
  });

  for (const [name, statics] of Object.entries(NOT_IMPLEMENTED_STATICS)) {
    for (const method of statics) remove(constructor(name), method);
  }
  for (const [name, methods] of Object.entries(NOT_IMPLEMENTED_METHODS)) {
    for (const method of methods) remove(constructor(name).prototype, method);
  }
  for (const method of UNSUPPORTED_FUNCTION_METHODS) remove(constructor('Function').prototype, method);
  for (const name of UNSUPPORTED_GLOBALS) delete global[name];
}

function remove(target: Bag, name: string): void {
  delete target[name];
  if (name in target) {
    Object.defineProperty(target, name, { value: undefined, writable: false, enumerable: false, configurable: false });
  }
}
