// The APPSYNC_JS subset: AppSync refuses, when a resolver or function is created, code that
// uses a feature its runtime lacks. We refuse the same code when it is loaded, so that it fails
// here before it fails at deploy time. (The same list drives @aws-appsync/eslint-plugin.)
import { type Node, parse } from 'acorn';
import { full } from 'acorn-walk';

export interface UnsupportedSyntax {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

type Check = (node: Node & Record<string, unknown>) => string | undefined;

const CHECKS: Partial<Record<string, Check>> = {
  TryStatement: () => 'try/catch/finally is not supported',
  ThrowStatement: () => 'throw is not supported: use util.error()',
  WhileStatement: () => 'while loops are not supported',
  DoWhileStatement: () => 'do-while loops are not supported',
  ForStatement: () => 'for(;;) loops are not supported: use for-of or for-in',
  ContinueStatement: () => 'continue is not supported',
  LabeledStatement: () => 'labeled statements are not supported',
  ClassDeclaration: () => 'classes are not supported',
  ClassExpression: () => 'classes are not supported',
  ThisExpression: () => 'this is not supported',
  AwaitExpression: () => 'async processes and promises are not supported',
  YieldExpression: () => 'generators are not supported',
  UpdateExpression: (node) => `the operator ${String(node.operator)} is not supported`,
  UnaryExpression: (node) => (node.operator === '~' ? 'the operator ~ is not supported' : undefined),
  BinaryExpression: (node) =>
    node.operator === 'in' || node.operator === 'instanceof'
      ? `the operator ${String(node.operator)} is not supported`
      : undefined,
  Literal: (node) => (node.regex ? 'regular expression literals are not supported: use util.matches()' : undefined),
  Identifier: (node) => (node.name === 'Promise' ? 'async processes and promises are not supported' : undefined),
  FunctionDeclaration: checkFunction,
  FunctionExpression: checkFunction,
  ArrowFunctionExpression: checkFunction,
};

function checkFunction(node: Node & Record<string, unknown>): string | undefined {
  if (node.async) return 'async functions are not supported';
  if (node.generator) return 'generators are not supported';
  return undefined;
}

/** Parses an APPSYNC_JS module (throws acorn's SyntaxError when it does not parse). */
export function parseModule(code: string): Node {
  return parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
}

/** Every use of a feature APPSYNC_JS lacks, in source order; empty when the code is fine. */
export function findUnsupportedSyntax(code: string | Node): UnsupportedSyntax[] {
  const ast = typeof code === 'string' ? parseModule(code) : code;
  const found: UnsupportedSyntax[] = [];
  full(ast, (node) => {
    const message = CHECKS[node.type]?.(node as Node & Record<string, unknown>);
    if (message && node.loc) found.push({ line: node.loc.start.line, column: node.loc.start.column + 1, message });
  });
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
