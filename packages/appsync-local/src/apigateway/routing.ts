// Finds the resource and method a request targets, as API Gateway does for a REST API: a literal
// path part wins over `{param}`, which wins over a greedy `{proxy+}` (which needs at least one
// segment). Methods are looked up on the matched resource only: its exact method, else ANY.
import { safeDecode } from '../http/url.ts';
import type { RouteDefinition } from './definition.ts';

export interface Resource {
  /** The resource path as declared: `/products/{productId}`. */
  readonly path: string;
  readonly methods: ReadonlyMap<string, RouteDefinition>;
}

export interface ResourceMatch {
  readonly resource: Resource;
  /** Raw (still percent-encoded) values, as API Gateway passes them on. */
  readonly pathParameters: Readonly<Record<string, string>>;
}

interface Node {
  readonly literals: Map<string, Node>;
  param?: { name: string; node: Node };
  greedy?: { name: string; resource: MutableResource };
  resource?: MutableResource;
}

interface MutableResource {
  readonly path: string;
  readonly methods: Map<string, RouteDefinition>;
}

export interface Router {
  match(rawPath: string): ResourceMatch | undefined;
}

export function createRouter(routes: readonly RouteDefinition[]): Router {
  const root = newNode();
  for (const route of routes) addRoute(root, route);
  return { match: (rawPath) => matchNode(root, pathSegments(rawPath), 0, {}) };
}

export function selectMethod(resource: Resource, httpMethod: string): RouteDefinition | undefined {
  return resource.methods.get(httpMethod) ?? resource.methods.get('ANY');
}

/** The segments of a path after the stage; a trailing slash is ignored, as API Gateway does. */
export function pathSegments(rawPath: string): string[] {
  const segments = rawPath.split('/').slice(1);
  if (segments.at(-1) === '') segments.pop();
  return segments;
}

function newNode(): Node {
  return { literals: new Map() };
}

function addRoute(root: Node, route: RouteDefinition): void {
  let node = root;
  const parts = pathSegments(route.path);
  for (const [index, part] of parts.entries()) {
    const variable = /^\{(.+?)(\+?)\}$/.exec(part);
    if (variable?.[2] === '+' && index === parts.length - 1) {
      node.greedy ??= { name: variable[1]!, resource: { path: route.path, methods: new Map() } };
      node.greedy.resource.methods.set(route.method, route);
      return;
    }
    if (variable) {
      node.param ??= { name: variable[1]!, node: newNode() };
      node = node.param.node;
    } else {
      let next = node.literals.get(part);
      if (!next) node.literals.set(part, (next = newNode()));
      node = next;
    }
  }
  node.resource ??= { path: route.path, methods: new Map() };
  node.resource.methods.set(route.method, route);
}

function matchNode(node: Node, segments: string[], index: number, params: Record<string, string>): ResourceMatch | undefined {
  if (index === segments.length) return node.resource ? { resource: node.resource, pathParameters: params } : undefined;
  const segment = segments[index]!;
  const literal = node.literals.get(safeDecode(segment));
  const viaLiteral = literal && matchNode(literal, segments, index + 1, params);
  if (viaLiteral) return viaLiteral;
  if (node.param && segment !== '') {
    const viaParam = matchNode(node.param.node, segments, index + 1, { ...params, [node.param.name]: segment });
    if (viaParam) return viaParam;
  }
  if (node.greedy) {
    return { resource: node.greedy.resource, pathParameters: { ...params, [node.greedy.name]: segments.slice(index).join('/') } };
  }
  return undefined;
}
