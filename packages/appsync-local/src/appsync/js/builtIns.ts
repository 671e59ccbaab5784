// The built-ins the APPSYNC_JS runtime lacks.
//
// Sources:
// - "Supported runtime features" (https://docs.aws.amazon.com/appsync/latest/devguide/supported-features.html):
//   Function: "The apply, bind, and call methods are not supported", "Function constructors are not
//   supported"; Promises: "promises are not supported"; String: "Regular expressions are not
//   supported"; Array: "Array.prototype.sort() doesn't support arguments".
// - @aws-appsync/eslint-plugin 2.0.2, rule no-disallowed-methods: its DENIED_METHODS ("Method … is
//   not implemented"), listed below by where each method lives. Its `String.raw` is left out: the
//   documentation lists `String.raw()` as supported.
// What the sources do not mention (Map, Set, Proxy, Intl, Symbol, String.prototype.includes,
// Math.abs…) is left as V8 has it.

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
