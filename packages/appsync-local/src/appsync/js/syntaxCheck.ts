// The APPSYNC_JS subset: AppSync refuses, when a resolver or function is created or updated, code
// that uses a feature its runtime lacks ("The code contains one or more errors", each a
// LINT_ERROR or PARSER_ERROR with a line and column). We refuse the same code when it is loaded,
// so that it fails here before it fails at deploy time.
//
// The rules are @aws-appsync/eslint-plugin 2.0.2's, with its messages: the "base" config's
// (syntax alone decides them) and the "recommended" config's, which the plugin decides with
// TypeScript's symbols and we decide with scope analysis (scope.ts): no-recursion,
// no-function-passing, no-function-return, no-function-reassign, no-disallowed-re-assignment,
// and no-disallowed-methods where the receiver's type is certain without types (`Object.freeze`,
// a string or array literal, `new Date()`). The other disallowed methods (`s.padStart()` on a
// string of unknown origin…) are absent at run time instead (builtIns.ts). Two rules the plugin
// lacks come from the "Supported runtime features" documentation: `throw`, and any use of the
// global Promise (the plugin's no-promise sees only `new Promise`).
import { type Node, parse } from 'acorn';
import { NOT_IMPLEMENTED_METHODS, NOT_IMPLEMENTED_STATICS } from './builtIns.ts';
import { type AnyNode, analyzeScopes, forEachChild, isFunctionNode, type ScopeAnalysis } from './scope.ts';

export interface UnsupportedSyntax {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** Where the rule comes from: an @aws-appsync/eslint-plugin rule, or the documentation. */
  readonly rule: string;
}

/**
 * The documentation's "Supported runtime features" (Statements and Error types: throw; Promises),
 * https://docs.aws.amazon.com/appsync/latest/devguide/supported-features.html.
 */
const DOCUMENTATION = 'supported-features';

interface Problem {
  readonly node: AnyNode;
  readonly message: string;
  readonly rule: string;
}

const plugin = (name: string) => `@aws-appsync/${name}`;

/** The "base" config's rules, and `throw`: each decided by one node. */
const NODE_RULES: Partial<Record<string, (node: AnyNode) => Omit<Problem, 'node'> | undefined>> = {
  TryStatement: () => ({ message: 'Try statements are not supported.', rule: plugin('no-try') }),
  ThrowStatement: () => ({
    message: 'Throwing errors with `throw` is not supported. You can return an error by using util.error().',
    rule: DOCUMENTATION,
  }),
  WhileStatement: () => ({ message: 'While statements are not supported.', rule: plugin('no-while') }),
  DoWhileStatement: () => ({ message: 'do...while statements are not supported.', rule: plugin('no-while') }),
  ForStatement: () => ({ message: 'For statements are not supported.', rule: plugin('no-for') }),
  ContinueStatement: () => ({ message: 'Continue statements are not supported', rule: plugin('no-continue') }),
  LabeledStatement: () => ({ message: 'Labeled statements are not supported.', rule: plugin('no-labels') }),
  ClassDeclaration: () => ({ message: 'Class declarations are not supported.', rule: plugin('no-classes') }),
  ClassExpression: () => ({ message: 'Classes are not supported.', rule: plugin('no-classes') }),
  ThisExpression: () => ({ message: 'This expressions are not supported.', rule: plugin('no-this') }),
  AwaitExpression: () => ({ message: 'The `await` keyword is not supported', rule: plugin('no-await') }),
  YieldExpression: () => ({ message: 'Yield statements are not supported', rule: plugin('no-yield') }),
  UpdateExpression: (node) => ({
    message: `The operator ${String(node.operator)} is not supported`,
    rule: plugin('no-disallowed-unary-operators'),
  }),
  UnaryExpression: (node) =>
    node.operator === '~'
      ? { message: 'The operator ~ is not supported', rule: plugin('no-disallowed-unary-operators') }
      : undefined,
  BinaryExpression: (node) => {
    if (node.operator === 'in') {
      return { message: 'in operator is not supported. Use Object.hasOwn().', rule: plugin('no-in-operator') };
    }
    if (node.operator === 'instanceof') {
      return { message: 'The operator instanceof is not supported', rule: plugin('no-disallowed-binary-operators') };
    }
    return undefined;
  },
  Literal: (node) => (node.regex ? { message: 'Regex literals are not supported.', rule: plugin('no-regex') } : undefined),
  NewExpression: (node) =>
    (node.callee as AnyNode).type === 'Identifier' && (node.callee as AnyNode).name === 'Promise'
      ? { message: 'Promise is not supported', rule: plugin('no-promise') }
      : undefined,
  FunctionDeclaration: checkFunction,
  FunctionExpression: checkFunction,
  ArrowFunctionExpression: checkFunction,
};

function checkFunction(node: AnyNode): Omit<Problem, 'node'> | undefined {
  if (node.async) return { message: 'Async functions are not supported.', rule: plugin('no-async') };
  if (node.generator) return { message: 'Generator functions are not supported.', rule: plugin('no-generators') };
  return undefined;
}

/** no-function-passing: the methods a function may be passed to (Array's, which call it back). */
const CALLBACK_METHODS = new Set([
  'map',
  'find',
  'filter',
  'findIndex',
  'findLast',
  'findLastIndex',
  'forEach',
  'reduce',
  'reduceRight',
  'every',
  'some',
  'flatMap',
]);

/** Parses an APPSYNC_JS module (throws acorn's SyntaxError when it does not parse). */
export function parseModule(code: string): Node {
  return parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
}

/** Every use of a feature APPSYNC_JS lacks, in source order; empty when the code is fine. */
export function findUnsupportedSyntax(code: string | Node): UnsupportedSyntax[] {
  const ast = (typeof code === 'string' ? parseModule(code) : code) as AnyNode;
  const scopes = analyzeScopes(ast);
  const problems: Problem[] = [];
  const report = (node: AnyNode, message: string, rule: string) => problems.push({ node, message, rule });
  const calls: AnyNode[] = [];

  walk(ast, (node) => {
    const found = NODE_RULES[node.type]?.(node);
    if (found) report(node, found.message, found.rule);
    switch (node.type) {
      case 'CallExpression':
        calls.push(node);
        checkFunctionPassing(node, scopes, report);
        checkDisallowedMethod(node, scopes, report);
        break;
      case 'ReturnStatement':
        if (isFunctionValue(node.argument as AnyNode | null, scopes)) {
          report(node, 'returning a function is not allowed', plugin('no-function-return'));
        }
        break;
      case 'ArrowFunctionExpression':
        if (node.expression && isFunctionValue(node.body as AnyNode, scopes)) {
          report(node, 'returning a function is not allowed', plugin('no-function-return'));
        }
        break;
      case 'VariableDeclarator':
        if (isFunctionName(node.init as AnyNode | null, scopes)) {
          report(node, 're-assigning function is not allowed', plugin('no-function-reassign'));
        }
        break;
      case 'AssignmentExpression':
        if (node.operator === '=' && isFunctionName(node.right as AnyNode, scopes)) {
          report(node, 're-assigning function is not allowed', plugin('no-function-reassign'));
        }
        break;
      case 'Identifier': {
        const reference = scopes.references.get(node);
        if (node.name === 'Promise' && reference && !reference.binding && !isNewPromise(node, scopes)) {
          report(node, 'Async processes are not supported, and promises are not supported.', DOCUMENTATION);
        }
        break;
      }
    }
  });
  checkRecursion(calls, scopes, report);
  checkContextReassignment(ast, scopes, report);

  return problems
    .map(({ node, message, rule }) => ({
      line: node.loc!.start.line,
      column: node.loc!.start.column + 1,
      message,
      rule,
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

type Report = (node: AnyNode, message: string, rule: string) => void;

function walk(node: AnyNode, visit: (node: AnyNode) => void): void {
  visit(node);
  forEachChild(node, (child) => walk(child, visit));
}

function isNewPromise(identifier: AnyNode, scopes: ScopeAnalysis): boolean {
  const parent = scopes.parents.get(identifier);
  return parent?.type === 'NewExpression' && parent.callee === identifier;
}

/** A name bound, by its declaration, to a function (the plugin's getValueType on an identifier). */
function isFunctionName(node: AnyNode | null | undefined, scopes: ScopeAnalysis): boolean {
  return node?.type === 'Identifier' && functionOf(node, scopes) !== undefined;
}

/** A function expression, or a name bound to a function. */
function isFunctionValue(node: AnyNode | null | undefined, scopes: ScopeAnalysis): boolean {
  return isFunctionNode(node) || isFunctionName(node, scopes);
}

function functionOf(identifier: AnyNode, scopes: ScopeAnalysis): AnyNode | undefined {
  return scopes.references.get(identifier)?.binding?.fn;
}

/**
 * no-function-passing: a function passed to a function of the module's own, or to a method other
 * than Array's callback methods. (The plugin asks TypeScript whether the method is a built-in
 * one; without types, any method but those is refused, as the documentation says: "Passing a
 * function as an argument is not supported". It covers `sort(compare)` too.)
 */
function checkFunctionPassing(call: AnyNode, scopes: ScopeAnalysis, report: Report): void {
  if (!(call.arguments as AnyNode[]).some((argument) => isFunctionValue(argument, scopes))) return;
  const callee = call.callee as AnyNode;
  const refused =
    callee.type === 'Identifier'
      ? functionOf(callee, scopes) !== undefined
      : callee.type === 'MemberExpression' && !CALLBACK_METHODS.has(propertyName(callee) ?? '');
  if (refused) report(call, 'Functions can not be passed as an argument', plugin('no-function-passing'));
}

/** `a.b` and `a['b']`: b; undefined for another computed key. */
function propertyName(member: AnyNode): string | undefined {
  const property = member.property as AnyNode;
  if (!member.computed && property.type === 'Identifier') return property.name as string;
  if (property.type === 'Literal' && typeof property.value === 'string') return property.value;
  return undefined;
}

/**
 * no-disallowed-methods, where the receiver's type needs no type checker: a static method of the
 * global Object (the plugin's `ObjectConstructor.…`), and a method called on a string or array
 * literal or on `new Date(…)`.
 */
function checkDisallowedMethod(call: AnyNode, scopes: ScopeAnalysis, report: Report): void {
  const callee = call.callee as AnyNode;
  if (callee.type !== 'MemberExpression') return;
  const method = propertyName(callee);
  if (method === undefined) return;
  const receiver = callee.object as AnyNode;
  const isGlobal = (name: string) =>
    receiver.type === 'Identifier' && receiver.name === name && !scopes.references.get(receiver)?.binding;
  let qualified: string | undefined;
  if (isGlobal('Object') && (NOT_IMPLEMENTED_STATICS.Object as readonly string[]).includes(method)) {
    qualified = `ObjectConstructor.${method}`;
  } else {
    const type = literalType(receiver, scopes);
    if (type && (NOT_IMPLEMENTED_METHODS[type] as readonly string[]).includes(method)) qualified = `${type}.${method}`;
  }
  if (qualified) report(call, `Method ${qualified} is not implemented`, plugin('no-disallowed-methods'));
}

function literalType(node: AnyNode, scopes: ScopeAnalysis): keyof typeof NOT_IMPLEMENTED_METHODS | undefined {
  if ((node.type === 'Literal' && typeof node.value === 'string') || node.type === 'TemplateLiteral') return 'String';
  if (node.type === 'ArrayExpression') return 'Array';
  const callee = node.callee as AnyNode | undefined;
  if (
    node.type === 'NewExpression' &&
    callee?.type === 'Identifier' &&
    callee.name === 'Date' &&
    !scopes.references.get(callee)?.binding
  ) {
    return 'Date';
  }
  return undefined;
}

/**
 * no-recursion: a call to one of the module's functions from which a cycle of calls can be
 * reached ("Recursive function calls are not supported", says the documentation). Reported at
 * each such call, with the cycle, as the plugin does.
 */
function checkRecursion(calls: AnyNode[], scopes: ScopeAnalysis, report: Report): void {
  const callees = new Map<AnyNode, AnyNode[]>();
  const targets = new Map<AnyNode, AnyNode>();
  for (const call of calls) {
    const callee = call.callee as AnyNode;
    const target = callee.type === 'Identifier' ? functionOf(callee, scopes) : undefined;
    if (!target) continue;
    targets.set(call, target);
    const caller = enclosingFunction(call, scopes);
    if (caller) {
      const list = callees.get(caller) ?? [];
      if (!list.includes(target)) list.push(target);
      callees.set(caller, list);
    }
  }
  const reachesCycle = cycleReachability(callees);
  /** The plugin's search: from `node`, the calls in order, until one comes back onto the path. */
  const findCycle = (node: AnyNode, path: AnyNode[]): AnyNode[] | undefined => {
    const at = path.indexOf(node);
    if (at >= 0) return [...path.slice(at), node];
    for (const next of callees.get(node) ?? []) {
      if (path.includes(next) || next === node || reachesCycle(next)) return findCycle(next, [...path, node]);
    }
    return undefined;
  };
  for (const [call, target] of targets) {
    const caller = enclosingFunction(call, scopes);
    const cycle = reachesCycle(target) ? findCycle(target, caller ? [caller] : []) : undefined;
    if (cycle) {
      report(
        call,
        `Recursive function calls not supported. Detected cycle in ${cycle.map((fn) => functionName(fn, scopes)).join(' <-')}`,
        plugin('no-recursion'),
      );
    }
  }
}

/** Whether a cycle of calls can be reached from a function (Tarjan's strongly connected components). */
function cycleReachability(callees: ReadonlyMap<AnyNode, AnyNode[]>): (fn: AnyNode) => boolean {
  const index = new Map<AnyNode, number>();
  const low = new Map<AnyNode, number>();
  const stack: AnyNode[] = [];
  const onStack = new Set<AnyNode>();
  const component = new Map<AnyNode, AnyNode[]>();
  const connect = (node: AnyNode): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of callees.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const members: AnyNode[] = [];
      let member: AnyNode;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
        component.set(member, members);
      } while (member !== node);
    }
  };
  const known = new Map<AnyNode, boolean>();
  const reaches = (node: AnyNode): boolean => {
    const cached = known.get(node);
    if (cached !== undefined) return cached;
    if (!index.has(node)) connect(node);
    known.set(node, false);
    const cyclic = component.get(node)!.length > 1 || (callees.get(node) ?? []).includes(node);
    const result = cyclic || (callees.get(node) ?? []).some(reaches);
    known.set(node, result);
    return result;
  };
  return reaches;
}

/** The function a node is in (an object's or class's method counts as its enclosing one's, as in the plugin). */
function enclosingFunction(node: AnyNode, scopes: ScopeAnalysis): AnyNode | undefined {
  for (let parent = scopes.parents.get(node); parent; parent = scopes.parents.get(parent)) {
    if (isFunctionNode(parent) && !isMethod(parent, scopes)) return parent;
  }
  return undefined;
}

function isMethod(fn: AnyNode, scopes: ScopeAnalysis): boolean {
  const parent = scopes.parents.get(fn);
  return (
    parent !== undefined &&
    ((parent.type === 'Property' && (parent.method === true || parent.kind !== 'init') && parent.value === fn) ||
      parent.type === 'MethodDefinition')
  );
}

/** The name the plugin gives a function in a cycle. */
function functionName(fn: AnyNode, scopes: ScopeAnalysis): string {
  const parent = scopes.parents.get(fn);
  if (
    parent?.type === 'VariableDeclarator' &&
    (parent.id as AnyNode).type === 'Identifier' &&
    fn.type !== 'FunctionDeclaration'
  ) {
    return (parent.id as AnyNode).name as string;
  }
  if (fn.type === 'FunctionDeclaration' && fn.id) return (fn.id as AnyNode).name as string;
  return fn.type === 'ArrowFunctionExpression' ? 'Anonymous Arrow Function' : 'Anonymous Function';
}

/**
 * no-disallowed-re-assignment, in the functions named (or exported as) request and response:
 * their context parameter is read-only. Re-assigning it, or adding, changing or deleting one of
 * its own properties (`ctx.stash = {}`, `ctx.result = x`, `delete ctx.args`), is refused; its
 * properties' contents may change (`ctx.stash.x = 1`). The context reference adds: "You cannot
 * delete or replace the entire stash".
 */
function checkContextReassignment(ast: AnyNode, scopes: ScopeAnalysis, report: Report): void {
  for (const handler of handlerDeclarations(ast, scopes)) {
    const param = (handler.params as AnyNode[])[0];
    if (param?.type !== 'Identifier') continue;
    const binding = scopes.declarations.get(param);
    if (!binding) continue;
    for (const reference of binding.references) {
      const identifier = reference.identifier;
      if (reference.write) {
        report(
          identifier,
          `${binding.name} is readonly and re-assignment is not supported.`,
          plugin('no-disallowed-re-assignment'),
        );
        continue;
      }
      const member = modifiedProperty(identifier, scopes);
      if (!member) continue;
      const name = memberName(member);
      report(
        member,
        name === undefined
          ? `${binding.name} is readonly adding/modifying properties is not supported.`
          : `${binding.name} is readonly. Adding/Updating ${name} is not supported.`,
        plugin('no-disallowed-re-assignment'),
      );
    }
  }
}

/** Function declarations named request or response, and those the module exports under these names. */
function handlerDeclarations(ast: AnyNode, scopes: ScopeAnalysis): AnyNode[] {
  const handlers = new Set<AnyNode>();
  walk(ast, (node) => {
    if (node.type === 'FunctionDeclaration' && ['request', 'response'].includes((node.id as AnyNode | null)?.name as string)) {
      handlers.add(node);
    }
    if (node.type === 'ExportSpecifier') {
      const exported = node.exported as AnyNode;
      const name = (exported.name ?? exported.value) as string;
      const fn = functionOf(node.local as AnyNode, scopes);
      if ((name === 'request' || name === 'response') && fn?.type === 'FunctionDeclaration') handlers.add(fn);
    }
  });
  return [...handlers];
}

const STOP = /(?:Statement|Declaration|Function(?:Expression)?|Program)$/u;

/** The member expression `ctx.x` when the reference to ctx is the object of one that is modified. */
function modifiedProperty(identifier: AnyNode, scopes: ScopeAnalysis): AnyNode | undefined {
  let node = identifier;
  let depth = 0;
  for (
    let parent = scopes.parents.get(node);
    depth < 2 && parent && (!STOP.test(parent.type) || parent.type === 'ForInStatement' || parent.type === 'ForOfStatement');
    parent = scopes.parents.get(node)
  ) {
    switch (parent.type) {
      case 'AssignmentExpression':
        return depth === 1 && parent.left === node ? node : undefined;
      case 'UpdateExpression':
        return depth === 1 && parent.argument === node ? node : undefined;
      case 'UnaryExpression':
        return depth === 1 && parent.argument === node && parent.operator === 'delete' ? node : undefined;
      case 'ForInStatement':
      case 'ForOfStatement':
        return depth === 1 && parent.left === node ? node : undefined;
      case 'MemberExpression':
        if (parent.property === node) return undefined;
        break;
      case 'Property':
        if (parent.key === node) return undefined;
        break;
      case 'ConditionalExpression':
        if (parent.test === node) return undefined;
        break;
    }
    depth += 1;
    node = parent;
  }
  return undefined;
}

/** The plugin's getPropertyName: `ctx.a`, `ctx['a']`, `ctx[a]` (the variable's name) → a. */
function memberName(member: AnyNode): string | undefined {
  const property = member.property as AnyNode;
  if (property.type === 'Identifier') return property.name as string;
  if (property.type === 'Literal') return property.value === null ? undefined : String(property.value);
  return undefined;
}
