// Which declaration each name in an APPSYNC_JS module refers to: enough scope analysis for the
// load-time rules that @aws-appsync/eslint-plugin's "recommended" config takes from TypeScript's
// symbols (no-recursion, no-function-passing, no-function-return, no-function-reassign,
// no-disallowed-re-assignment). Modules are strict code, so function declarations in blocks are
// block-scoped and `var` is hoisted to the function.
import type { Node } from 'acorn';

export type AnyNode = Node & Record<string, unknown>;

export interface Binding {
  readonly name: string;
  readonly kind: 'var' | 'let' | 'const' | 'function' | 'param' | 'import' | 'class' | 'catch' | 'self';
  /**
   * The function the name is bound to by its declaration: a function declaration, a variable
   * initialized with a function or arrow expression, a named function expression's own name.
   * (The plugin's rules follow a name to a function only that way, not through assignments.)
   */
  readonly fn: AnyNode | undefined;
  readonly references: Reference[];
}

export interface Reference {
  readonly identifier: AnyNode;
  /** undefined: a global (or undeclared) name. */
  readonly binding: Binding | undefined;
  /** The name is assigned (`x = …`, `x++`, a destructuring or for-in/of target). */
  readonly write: boolean;
}

export interface ScopeAnalysis {
  /** The reference an identifier makes, when it is in a reference position. */
  readonly references: ReadonlyMap<AnyNode, Reference>;
  /** The binding an identifier declares (a parameter, a variable, a function's name…). */
  readonly declarations: ReadonlyMap<AnyNode, Binding>;
  /** Each node's parent (the Program has none). */
  readonly parents: ReadonlyMap<AnyNode, AnyNode>;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

export function isFunctionNode(node: AnyNode | null | undefined): boolean {
  return node !== null && node !== undefined && FUNCTION_TYPES.has(node.type);
}

class Scope {
  readonly names = new Map<string, Binding>();
  constructor(readonly parent: Scope | undefined) {}

  lookup(name: string): Binding | undefined {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }
}

export function analyzeScopes(program: Node): ScopeAnalysis {
  const references = new Map<AnyNode, Reference>();
  const declarations = new Map<AnyNode, Binding>();
  const parents = new Map<AnyNode, AnyNode>();

  const declare = (scope: Scope, identifier: AnyNode, kind: Binding['kind'], fn?: AnyNode): void => {
    const name = identifier.name as string;
    let binding = scope.names.get(name);
    if (!binding) {
      binding = { name, kind, fn, references: [] };
      scope.names.set(name, binding);
    }
    declarations.set(identifier, binding);
  };

  const refer = (scope: Scope, identifier: AnyNode, write: boolean): void => {
    const binding = scope.lookup(identifier.name as string);
    const reference = { identifier, binding, write };
    references.set(identifier, reference);
    binding?.references.push(reference);
  };

  /** `var` names, hoisted to the function (or module) scope; nested functions keep theirs. */
  const hoistVars = (node: AnyNode, scope: Scope): void => {
    if (isFunctionNode(node)) return;
    if (node.type === 'VariableDeclaration' && node.kind === 'var') {
      for (const declarator of node.declarations as AnyNode[]) {
        for (const id of patternNames(declarator.id as AnyNode)) declare(scope, id, 'var', functionInit(declarator));
      }
    }
    forEachChild(node, (child) => hoistVars(child, scope));
  };

  /** The lexical declarations (let, const, class, function) made directly in a statement list. */
  const declareLexical = (statements: AnyNode[], scope: Scope): void => {
    for (const statement of statements) {
      const declaration =
        statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration'
          ? (statement.declaration as AnyNode | null)
          : statement;
      if (!declaration) continue;
      switch (declaration.type) {
        case 'FunctionDeclaration':
          if (declaration.id) declare(scope, declaration.id as AnyNode, 'function', declaration);
          break;
        case 'ClassDeclaration':
          if (declaration.id) declare(scope, declaration.id as AnyNode, 'class');
          break;
        case 'VariableDeclaration':
          if (declaration.kind !== 'var') {
            for (const declarator of declaration.declarations as AnyNode[]) {
              for (const id of patternNames(declarator.id as AnyNode)) {
                declare(scope, id, declaration.kind as 'let' | 'const', functionInit(declarator));
              }
            }
          }
          break;
        case 'ImportDeclaration':
          for (const specifier of declaration.specifiers as AnyNode[]) declare(scope, specifier.local as AnyNode, 'import');
          break;
      }
    }
  };

  /**
   * A pattern: a declaration's (`declaring`: its names are declared already) or an assignment's
   * target (its names are written, and a member expression in it is read as usual). Either way
   * defaults and computed keys are read.
   */
  const visitPattern = (pattern: AnyNode, parent: AnyNode, scope: Scope, declaring: boolean): void => {
    parents.set(pattern, parent);
    switch (pattern.type) {
      case 'Identifier':
        if (!declaring) refer(scope, pattern, true);
        return;
      case 'AssignmentPattern':
        visitPattern(pattern.left as AnyNode, pattern, scope, declaring);
        visit(pattern.right as AnyNode, pattern, scope);
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements as (AnyNode | null)[]) {
          if (element) visitPattern(element, pattern, scope, declaring);
        }
        return;
      case 'ObjectPattern':
        for (const property of pattern.properties as AnyNode[]) {
          parents.set(property, pattern);
          if (property.type === 'RestElement') {
            visitPattern(property.argument as AnyNode, property, scope, declaring);
          } else {
            if (property.computed) visit(property.key as AnyNode, property, scope);
            visitPattern(property.value as AnyNode, property, scope, declaring);
          }
        }
        return;
      case 'RestElement':
        visitPattern(pattern.argument as AnyNode, pattern, scope, declaring);
        return;
      default:
        if (!declaring) visit(pattern, parent, scope);
    }
  };
  const visitDeclarationPattern = (pattern: AnyNode, parent: AnyNode, scope: Scope): void =>
    visitPattern(pattern, parent, scope, true);
  const visitTarget = (target: AnyNode, parent: AnyNode, scope: Scope): void => visitPattern(target, parent, scope, false);

  const visitFunction = (node: AnyNode, scope: Scope): void => {
    let outer = scope;
    if (node.type === 'FunctionExpression' && node.id) {
      outer = new Scope(scope);
      declare(outer, node.id as AnyNode, 'self', node);
      parents.set(node.id as AnyNode, node);
    } else if (node.type === 'FunctionDeclaration' && node.id) {
      parents.set(node.id as AnyNode, node);
    }
    const inner = new Scope(outer);
    for (const param of node.params as AnyNode[]) {
      for (const id of patternNames(param)) declare(inner, id, 'param');
    }
    for (const param of node.params as AnyNode[]) visitDeclarationPattern(param, node, inner);
    const body = node.body as AnyNode;
    parents.set(body, node);
    if (body.type === 'BlockStatement') {
      hoistVars(body, inner);
      declareLexical(body.body as AnyNode[], inner);
      for (const statement of body.body as AnyNode[]) visit(statement, body, inner);
    } else {
      visit(body, node, inner);
    }
  };

  const visitBlock = (node: AnyNode, statements: AnyNode[], scope: Scope): void => {
    const block = new Scope(scope);
    declareLexical(statements, block);
    for (const statement of statements) visit(statement, node, block);
  };

  const visitLoopHead = (head: AnyNode | null, scope: Scope): Scope => {
    if (head?.type === 'VariableDeclaration' && head.kind !== 'var') {
      const loop = new Scope(scope);
      declareLexical([head], loop);
      return loop;
    }
    return scope;
  };

  function visit(node: AnyNode, parent: AnyNode | undefined, scope: Scope): void {
    if (parent) parents.set(node, parent);
    switch (node.type) {
      case 'Identifier':
        refer(scope, node, false);
        return;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        visitFunction(node, scope);
        return;
      case 'BlockStatement':
        visitBlock(node, node.body as AnyNode[], scope);
        return;
      case 'StaticBlock':
        visitBlock(node, node.body as AnyNode[], new Scope(scope));
        return;
      case 'SwitchStatement': {
        visit(node.discriminant as AnyNode, node, scope);
        const block = new Scope(scope);
        const cases = node.cases as AnyNode[];
        declareLexical(
          cases.flatMap((c) => c.consequent as AnyNode[]),
          block,
        );
        for (const c of cases) {
          parents.set(c, node);
          if (c.test) visit(c.test as AnyNode, c, block);
          for (const statement of c.consequent as AnyNode[]) visit(statement, c, block);
        }
        return;
      }
      case 'ForStatement': {
        const loop = visitLoopHead(node.init as AnyNode | null, scope);
        for (const key of ['init', 'test', 'update', 'body']) {
          const child = node[key] as AnyNode | null;
          if (child) visit(child, node, loop);
        }
        return;
      }
      case 'ForInStatement':
      case 'ForOfStatement': {
        const left = node.left as AnyNode;
        const loop = visitLoopHead(left, scope);
        if (left.type === 'VariableDeclaration') visit(left, node, loop);
        else visitTarget(left, node, scope);
        visit(node.right as AnyNode, node, scope);
        visit(node.body as AnyNode, node, loop);
        return;
      }
      case 'CatchClause': {
        const clause = new Scope(scope);
        const param = node.param as AnyNode | null;
        if (param) {
          for (const id of patternNames(param)) declare(clause, id, 'catch');
          visitDeclarationPattern(param, node, clause);
        }
        visit(node.body as AnyNode, node, clause);
        return;
      }
      case 'VariableDeclaration':
        for (const declarator of node.declarations as AnyNode[]) {
          parents.set(declarator, node);
          visitDeclarationPattern(declarator.id as AnyNode, declarator, scope);
          if (declarator.init) visit(declarator.init as AnyNode, declarator, scope);
        }
        return;
      case 'ClassDeclaration':
      case 'ClassExpression': {
        const inner = new Scope(scope);
        if (node.id) {
          parents.set(node.id as AnyNode, node);
          if (node.type === 'ClassExpression') declare(inner, node.id as AnyNode, 'class');
        }
        if (node.superClass) visit(node.superClass as AnyNode, node, scope);
        visit(node.body as AnyNode, node, inner);
        return;
      }
      case 'AssignmentExpression':
        visitTarget(node.left as AnyNode, node, scope);
        visit(node.right as AnyNode, node, scope);
        return;
      case 'UpdateExpression':
        visitTarget(node.argument as AnyNode, node, scope);
        return;
      case 'MemberExpression':
        visit(node.object as AnyNode, node, scope);
        if (node.computed) visit(node.property as AnyNode, node, scope);
        else parents.set(node.property as AnyNode, node);
        return;
      case 'Property':
      case 'MethodDefinition':
      case 'PropertyDefinition':
        if (node.computed) visit(node.key as AnyNode, node, scope);
        else parents.set(node.key as AnyNode, node);
        if (node.value) visit(node.value as AnyNode, node, scope);
        return;
      case 'LabeledStatement':
        visit(node.body as AnyNode, node, scope);
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
        return;
      case 'ExportNamedDeclaration':
        if (node.declaration) visit(node.declaration as AnyNode, node, scope);
        if (!node.source) {
          for (const specifier of node.specifiers as AnyNode[]) {
            parents.set(specifier, node);
            visit(specifier.local as AnyNode, specifier, scope);
          }
        }
        return;
      default:
        forEachChild(node, (child) => visit(child, node, scope));
    }
  }

  const module = new Scope(undefined);
  const root = program as AnyNode;
  hoistVars(root, module);
  declareLexical(root.body as AnyNode[], module);
  for (const statement of root.body as AnyNode[]) visit(statement, root, module);
  return { references, declarations, parents };
}

/** The function a variable declarator binds its name to, when its initializer is one. */
function functionInit(declarator: AnyNode): AnyNode | undefined {
  const init = declarator.init as AnyNode | null;
  return (declarator.id as AnyNode).type === 'Identifier' && isFunctionNode(init) ? (init as AnyNode) : undefined;
}

/** The identifiers a binding pattern declares. */
export function patternNames(pattern: AnyNode): AnyNode[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern];
    case 'AssignmentPattern':
      return patternNames(pattern.left as AnyNode);
    case 'RestElement':
      return patternNames(pattern.argument as AnyNode);
    case 'ArrayPattern':
      return (pattern.elements as (AnyNode | null)[]).flatMap((element) => (element ? patternNames(element) : []));
    case 'ObjectPattern':
      return (pattern.properties as AnyNode[]).flatMap((property) =>
        patternNames((property.type === 'RestElement' ? property.argument : property.value) as AnyNode),
      );
    default:
      return [];
  }
}

const NOT_CHILDREN = new Set(['type', 'start', 'end', 'loc', 'range', 'raw', 'regex', 'bigint']);

export function forEachChild(node: AnyNode, callback: (child: AnyNode) => void): void {
  for (const key in node) {
    if (NOT_CHILDREN.has(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) callback(item);
    } else if (isNode(value)) {
      callback(value);
    }
  }
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
