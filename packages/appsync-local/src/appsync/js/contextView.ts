// The context as a handler sees it.
//
// Read-only. @aws-appsync/eslint-plugin's no-disallowed-re-assignment: "ctx is readonly.
// Adding/Updating stash is not supported."; the context reference
// (https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html): "You
// cannot delete or replace the entire stash, but you can add, update, delete, and read properties
// of the stash." So assigning, defining or deleting one of ctx's own properties (`ctx.stash = {}`,
// `ctx.result = x`), in any function, is a TypeError; the properties' contents stay writable
// (`ctx.stash.x = 1`).
//
// Of the sandbox's realm. ctx's values (arguments, identity, source, the data source's result…)
// are made by the host, and a host array has all of V8's Array.prototype, where the sandbox's
// lacks what APPSYNC_JS lacks (builtIns.ts): `ctx.result.items.keys()` would work here and fail on
// AppSync. So a value that holds arrays is copied into the sandbox's realm the first time the
// handler reads it, once per view (objects without arrays are handed over as they are: nothing
// APPSYNC_JS lacks lives on Object.prototype). Strings and numbers need nothing: their methods
// are the realm's of the code that calls them.
//
// One view per field (the resolver runner's), reading through to the context object on which
// the runner sets `result`, `error` and `prev` between handler calls; the evaluator makes one per
// call for a context that is not a view already.
import vm from 'node:vm';

const VIEW = Symbol('context view');

export type Adopt = (value: object) => unknown;

class ContextView implements ProxyHandler<object> {
  /** Each host value read so far, and what the handler was given for it (`ctx.args === ctx.arguments`). */
  private adopted: Map<object, unknown> | undefined;

  constructor(private readonly adopt: Adopt) {}

  get(target: object, property: string | symbol): unknown {
    const value = (target as Record<string | symbol, unknown>)[property];
    if (typeof value !== 'object' || value === null) return value;
    this.adopted ??= new Map();
    let adopted = this.adopted.get(value);
    if (adopted === undefined) {
      adopted = this.adopt(value);
      this.adopted.set(value, adopted);
    }
    return adopted;
  }

  set(_target: object, property: string | symbol): boolean {
    return refuse(property);
  }

  defineProperty(_target: object, property: string | symbol): boolean {
    return refuse(property);
  }

  deleteProperty(_target: object, property: string | symbol): boolean {
    return refuse(property);
  }

  setPrototypeOf(): boolean {
    return refuse('its prototype');
  }

  preventExtensions(): boolean {
    return refuse('its extensibility');
  }

  /** How a view is recognized (APPSYNC_JS code has no `in` operator to ask). */
  has(target: object, property: string | symbol): boolean {
    return property === VIEW || Reflect.has(target, property);
  }
}

function refuse(property: string | symbol): never {
  throw new TypeError(`ctx is readonly. Adding/Updating ${String(property)} is not supported.`);
}

/** A view of ctx (ctx itself when it is one already, or not an object). */
export function contextView<T>(ctx: T, adopt: Adopt): T {
  if (typeof ctx !== 'object' || ctx === null || VIEW in ctx) return ctx;
  return new Proxy(ctx, new ContextView(adopt)) as T;
}

/**
 * The context's copier into its realm: arrays are rebuilt there, objects only when something
 * under them was; values of the realm already (what handler code made) are left as they are.
 */
export function realmAdopter(context: vm.Context): Adopt {
  return new vm.Script(
    `(function () {
      'use strict';
      const isArray = Array.isArray;
      const keys = Object.keys;
      const prototypeOf = Object.getPrototypeOf;
      const own = [Array.prototype, Object.prototype];
      function adopt(value) {
        if (typeof value !== 'object' || value === null || own.includes(prototypeOf(value))) return value;
        if (isArray(value)) {
          const out = [];
          for (const item of value) out.push(adopt(item));
          return out;
        }
        const names = keys(value);
        let out;
        for (let i = 0; i < names.length; i = i + 1) {
          const item = value[names[i]];
          const adopted = adopt(item);
          if (adopted !== item && out === undefined) {
            out = {};
            for (let j = 0; j < i; j = j + 1) out[names[j]] = value[names[j]];
          }
          if (out !== undefined) out[names[i]] = adopted;
        }
        return out === undefined ? value : out;
      }
      return adopt;
    })()`,
    { filename: 'appsync-local:adopt' },
  ).runInContext(context) as Adopt;
}
