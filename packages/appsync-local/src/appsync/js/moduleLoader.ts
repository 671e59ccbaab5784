// Turns an APPSYNC_JS ES module (a resolver bundle) into a function body the sandbox can run,
// without moving any of its code: import and export statements are rewritten in place (padded
// to their original length and line count), so line:column positions in errors are the
// bundle's own, as AppSync reports them. A time-limit check is inserted at the top of every
// function and loop body; `mapPosition` undoes those insertions for error positions.
import type { Node } from 'acorn';
import { full } from 'acorn-walk';

/** The name of the time-limit check inserted into the code. */
export const TICK = '__appsync$tick';
/** The names the rewritten module body receives as parameters. */
export const REQUIRE = '__appsync$require';
export const EXPORTS = '__appsync$exports';

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface PreparedModule {
  /** The module body: run it with (REQUIRE, EXPORTS, TICK) in scope. */
  readonly body: string;
  /** A (1-based) position in `body` → the same place in the original code. */
  mapPosition(line: number, column: number): { line: number; column: number };
}

type AnyNode = Node & Record<string, unknown>;

export class ModuleShapeError extends Error {
  override name = 'ModuleShapeError';
}

export function prepareModule(code: string, ast: Node): PreparedModule {
  const edits: Edit[] = [];
  const exported: string[] = [];
  for (const statement of (ast as AnyNode).body as AnyNode[]) {
    rewriteModuleStatement(code, statement, edits, exported);
  }
  full(ast, (node) => addTick(node as AnyNode, edits));
  const tail = `\n${exported.map((name) => `${EXPORTS}.${name} = ${name};`).join(' ')}`;
  const body = applyEdits(code, edits) + tail;
  return { body, mapPosition: createPositionMap(code, edits) };
}

function rewriteModuleStatement(code: string, node: AnyNode, edits: Edit[], exported: string[]): void {
  switch (node.type) {
    case 'ImportDeclaration': {
      const source = (node.source as AnyNode).value as string;
      const bindings = (node.specifiers as AnyNode[]).map(describeImport);
      const text = bindings.map((binding) => `const ${binding} = ${REQUIRE}(${JSON.stringify(source)});`).join(' ');
      edits.push({ start: node.start, end: node.end, text: padLike(code.slice(node.start, node.end), text) });
      return;
    }
    case 'ExportNamedDeclaration': {
      const declaration = node.declaration as AnyNode | null;
      if (declaration) {
        exported.push(...declaredNames(declaration));
        edits.push({ start: node.start, end: declaration.start, text: ' '.repeat(declaration.start - node.start) });
        return;
      }
      if (node.source) throw new ModuleShapeError('re-exporting from another module is not supported');
      const assignments = (node.specifiers as AnyNode[]).map((specifier) => {
        const local = (specifier.local as AnyNode).name as string;
        const name = ((specifier.exported as AnyNode).name ?? (specifier.exported as AnyNode).value) as string;
        return `${EXPORTS}.${name} = ${local};`;
      });
      edits.push({ start: node.start, end: node.end, text: padLike(code.slice(node.start, node.end), assignments.join(' ')) });
      return;
    }
    case 'ExportDefaultDeclaration':
    case 'ExportAllDeclaration':
      throw new ModuleShapeError('APPSYNC_JS code exports named functions (request, response), not a default export');
  }
}

function describeImport(specifier: AnyNode): string {
  const local = (specifier.local as AnyNode).name as string;
  if (specifier.type === 'ImportNamespaceSpecifier' || specifier.type === 'ImportDefaultSpecifier') return local;
  const imported = ((specifier.imported as AnyNode).name ?? (specifier.imported as AnyNode).value) as string;
  return imported === local ? `{ ${local} }` : `{ ${imported}: ${local} }`;
}

function declaredNames(declaration: AnyNode): string[] {
  if (declaration.type === 'FunctionDeclaration') return [(declaration.id as AnyNode).name as string];
  if (declaration.type === 'VariableDeclaration') {
    return (declaration.declarations as AnyNode[]).flatMap((d) => {
      const id = d.id as AnyNode;
      if (id.type !== 'Identifier') throw new ModuleShapeError('export a plain name, not a destructuring pattern');
      return [id.name as string];
    });
  }
  throw new ModuleShapeError(`exporting a ${declaration.type} is not supported`);
}

/** Keeps the statement's line count, and its length where the new text is shorter. */
function padLike(original: string, text: string): string {
  const newlines = original.split('\n').length - 1;
  const padded = newlines === 0 && text.length < original.length ? text.padEnd(original.length) : text;
  return padded + '\n'.repeat(newlines);
}

function addTick(node: AnyNode, edits: Edit[]): void {
  const call = `${TICK}();`;
  switch (node.type) {
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression': {
      const body = node.body as AnyNode;
      if (body.type === 'BlockStatement') {
        edits.push({ start: body.start + 1, end: body.start + 1, text: call });
      } else {
        edits.push({ start: body.start, end: body.start, text: `(${TICK}(), ` });
        edits.push({ start: body.end, end: body.end, text: ')' });
      }
      return;
    }
    case 'ForOfStatement':
    case 'ForInStatement': {
      const body = node.body as AnyNode;
      if (body.type === 'BlockStatement') {
        edits.push({ start: body.start + 1, end: body.start + 1, text: call });
      } else {
        edits.push({ start: body.start, end: body.start, text: `{${call}` });
        edits.push({ start: body.end, end: body.end, text: '}' });
      }
      return;
    }
  }
}

function applyEdits(code: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    out += code.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + code.slice(at);
}

/**
 * Only the inserted checks move code (rewritten statements keep their length or sit alone on
 * their lines), so a generated column maps back by subtracting what was inserted before it on
 * the same line.
 */
function createPositionMap(code: string, edits: Edit[]): PreparedModule['mapPosition'] {
  const lineStarts = [0];
  for (let i = 0; i < code.length; i += 1) if (code[i] === '\n') lineStarts.push(i + 1);
  const insertionsByLine = new Map<number, { column: number; length: number }[]>();
  for (const edit of edits) {
    if (edit.start !== edit.end) continue;
    const line = lineOf(lineStarts, edit.start);
    const list = insertionsByLine.get(line) ?? [];
    list.push({ column: edit.start - lineStarts[line - 1]! + 1, length: edit.text.length });
    insertionsByLine.set(line, list);
  }
  for (const list of insertionsByLine.values()) list.sort((a, b) => a.column - b.column);
  return (line, column) => {
    let shift = 0;
    for (const insertion of insertionsByLine.get(line) ?? []) {
      if (insertion.column + shift + insertion.length > column) break;
      shift += insertion.length;
    }
    return { line, column: column - shift };
  };
}

function lineOf(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
