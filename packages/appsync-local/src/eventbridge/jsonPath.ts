// The JSON path subset EventBridge evaluates in InputPath and InputPathsMap: `$`, dot notation
// (names may hold dashes, underscores, slashes …), array indices and `*` wildcards. A path with a
// wildcard reads a list of every match.
import { validationError } from './errors.ts';
import { isPlainObject } from './json.ts';

type Segment = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

export interface JsonPath {
  text: string;
  segments: Segment[];
  hasWildcard: boolean;
}

export function compileJsonPath(text: string): JsonPath {
  if (!text.startsWith('$')) throw invalidPath(text);
  const segments: Segment[] = [];
  let rest = text.slice(1);
  while (rest.length > 0) {
    const dotted = /^\.(\*|[^.[\]]+)/.exec(rest);
    const bracketed = /^\[(\*|\d+|'[^']*'|"[^"]*")\]/.exec(rest);
    const match = dotted ?? bracketed;
    if (!match) throw invalidPath(text);
    const token = match[1] ?? '';
    if (token === '*') segments.push({ kind: 'wildcard' });
    else if (bracketed && /^\d+$/.test(token)) segments.push({ kind: 'index', index: Number(token) });
    else segments.push({ kind: 'name', name: bracketed ? token.slice(1, -1) : token });
    rest = rest.slice(match[0].length);
  }
  return { text, segments, hasWildcard: segments.some((segment) => segment.kind === 'wildcard') };
}

function invalidPath(text: string): Error {
  return validationError(`${text} is not a valid JSON path.`);
}

/** The value at the path; undefined when it is missing. A wildcard path gives the list of matches. */
export function readJsonPath(path: JsonPath, root: unknown): unknown {
  let nodes: unknown[] = [root];
  for (const segment of path.segments) nodes = nodes.flatMap((node) => step(segment, node));
  return path.hasWildcard ? nodes : nodes[0];
}

function step(segment: Segment, node: unknown): unknown[] {
  switch (segment.kind) {
    case 'name':
      return isPlainObject(node) && segment.name in node ? [node[segment.name]] : [];
    case 'index':
      return Array.isArray(node) && segment.index < node.length ? [node[segment.index]] : [];
    case 'wildcard':
      if (Array.isArray(node)) return node;
      return isPlainObject(node) ? Object.values(node) : [];
  }
}
