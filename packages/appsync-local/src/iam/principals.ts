// The local stand-in for IAM: the roles the system's parts assume, each with credentials made
// fresh when the stack starts, and their identity policies, evaluated as IAM evaluates them: an
// explicit Deny wins, then any Allow, else the implicit deny. Every local endpoint that verifies
// SigV4 looks callers up here.
import { randomBytes } from 'node:crypto';
import type { IamPrincipal } from './sigv4.ts';

export const LOCAL_ACCOUNT_ID = '000000000000';

export interface LocalRole extends IamPrincipal {
  readonly roleName: string;
}

/** The condition operators evaluated here (IAM's string operators); any other is refused when a role is made. */
export const CONDITION_OPERATORS = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** `{ StringEquals: { 'events:source': 'ecommerce.orders' } }`: every key must match one of its values. */
export type PolicyCondition = Readonly<Partial<Record<ConditionOperator, Readonly<Record<string, string | readonly string[]>>>>>;

/**
 * One statement of an identity policy: an action (`service:Action`, case-insensitive, `*` and `?`
 * wildcards) on a resource ARN pattern (case-sensitive, the same wildcards), Allow unless said
 * otherwise, under an optional condition.
 */
export interface PolicyStatement {
  readonly effect?: 'Allow' | 'Deny';
  readonly action: string;
  readonly resource: string;
  readonly condition?: PolicyCondition;
}

/** The request's condition keys and their values, e.g. `{ 'events:source': 'ecommerce.orders' }`. */
export type RequestContext = Readonly<Record<string, string>>;

export class LocalIam {
  private readonly byKey = new Map<string, LocalRole>();
  private readonly policies = new Map<string, readonly PolicyStatement[]>();

  /**
   * Creates a role with fresh credentials, as assuming an IAM role hands out temporary ones,
   * allowed to do what its statements allow and nothing else.
   */
  /**
   * A role with these statements; its key pair is new unless `keys` are given (a key pair kept
   * across restarts, such as the developer's).
   */
  createRole(
    roleName: string,
    statements: readonly PolicyStatement[] = [],
    keys?: { readonly accessKeyId: string; readonly secretAccessKey: string },
  ): LocalRole {
    for (const statement of statements) assertEvaluable(roleName, statement);
    const accessKeyId = keys?.accessKeyId ?? `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    if (this.byKey.has(accessKeyId)) throw new Error(`A local role already has the access key ${accessKeyId}.`);
    const role: LocalRole = {
      roleName,
      accessKeyId,
      secretAccessKey: keys?.secretAccessKey ?? randomBytes(30).toString('base64'),
      accountId: LOCAL_ACCOUNT_ID,
      userArn: `arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/${roleName}/local`,
      username: `AROA${randomBytes(8).toString('hex').toUpperCase()}:local`,
    };
    this.byKey.set(accessKeyId, role);
    this.policies.set(accessKeyId, statements);
    return role;
  }

  /** The statements of the principal's policy (none for an unknown principal). */
  statementsOf(principal: IamPrincipal): readonly PolicyStatement[] {
    return this.policies.get(principal.accessKeyId) ?? [];
  }

  /**
   * Whether the principal's policy allows the action on the resource for a request with these
   * condition keys: no Deny statement applies and at least one Allow does.
   */
  isAllowed(principal: IamPrincipal, action: string, resource: string, context: RequestContext = {}): boolean {
    const wanted = action.toLowerCase();
    const applying = this.statementsOf(principal).filter(
      (statement) =>
        matchesPattern(statement.action.toLowerCase(), wanted) &&
        matchesPattern(statement.resource, resource) &&
        conditionHolds(statement.condition, context),
    );
    return applying.length > 0 && applying.every((statement) => (statement.effect ?? 'Allow') === 'Allow');
  }

  /** The lookup every SigV4 verifier takes. */
  readonly principals = (accessKeyId: string): IamPrincipal | undefined => this.byKey.get(accessKeyId);
}

/**
 * IAM's reading of a condition block: every operator and every key in it must hold; a key holds
 * when the request's value matches one of the listed values. Condition key names are
 * case-insensitive, their values case-sensitive. A key the request lacks fails a positive
 * operator and satisfies a negated one, as IAM evaluates them without `IfExists`.
 */
export function conditionHolds(condition: PolicyCondition | undefined, context: RequestContext): boolean {
  if (!condition) return true;
  const valueOf = (key: string) => Object.entries(context).find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1];
  return Object.entries(condition).every(([operator, keys]) =>
    Object.entries(keys ?? {}).every(([key, listed]) => {
      const value = valueOf(key);
      const values = typeof listed === 'string' ? [listed] : listed;
      const like = operator === 'StringLike' || operator === 'StringNotLike';
      const matched = value !== undefined && values.some((v) => (like ? matchesPattern(v, value) : v === value));
      return operator.startsWith('StringNot') ? !matched : matched;
    }),
  );
}

function assertEvaluable(roleName: string, statement: PolicyStatement): void {
  const unknown = Object.keys(statement.condition ?? {}).filter((op) => !(CONDITION_OPERATORS as readonly string[]).includes(op));
  if (unknown.length > 0) {
    throw new Error(
      `Role ${roleName}: the condition operator ${unknown.join(', ')} is not evaluated locally (only ${CONDITION_OPERATORS.join(', ')}).`,
    );
  }
}

/**
 * Each pattern's expression, compiled once: a policy check runs on every signed request (and, in
 * AppSync's IAM mode, for every top-level field), always against the same few statements. The
 * patterns come from the roles' policies, so there are few; the bound only keeps a caller that
 * makes patterns up from growing the map without end.
 */
const compiledPatterns = new Map<string, RegExp>();
const MAX_COMPILED_PATTERNS = 1000;

/** IAM's wildcard matching: `*` any run of characters, `?` one character. */
export function matchesPattern(pattern: string, value: string): boolean {
  let expression = compiledPatterns.get(pattern);
  if (!expression) {
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    if (compiledPatterns.size >= MAX_COMPILED_PATTERNS) compiledPatterns.clear();
    // No `g` or `y` flag: test() then keeps no state between calls (lastIndex), so one object serves all.
    expression = new RegExp(`^${source}$`, 's');
    compiledPatterns.set(pattern, expression);
  }
  return expression.test(value);
}
