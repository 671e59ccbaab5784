// The local stand-in for IAM: the roles the system's parts assume, each with credentials made
// fresh when the stack starts, and what each may invoke. Every local endpoint that verifies
// SigV4 looks callers up here.
import { randomBytes } from 'node:crypto';
import type { IamPrincipal } from './sigv4.ts';

export const LOCAL_ACCOUNT_ID = '000000000000';

export interface LocalRole extends IamPrincipal {
  readonly roleName: string;
}

/** An Allow statement: an action (`service:Action`, `*` wildcards) on a resource ARN pattern. */
export interface PolicyStatement {
  readonly action: string;
  readonly resource: string;
}

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

  /** Whether the principal's policy allows the action on the resource. */
  isAllowed(principal: IamPrincipal, action: string, resource: string): boolean {
    return (this.policies.get(principal.accessKeyId) ?? []).some(
      (statement) => matchesPattern(statement.action, action) && matchesPattern(statement.resource, resource),
    );
  }

  /** The lookup every SigV4 verifier takes. */
  readonly principals = (accessKeyId: string): IamPrincipal | undefined => this.byKey.get(accessKeyId);
}

/** IAM's wildcard matching: `*` any run of characters, `?` one character. */
function matchesPattern(pattern: string, value: string): boolean {
  const expression = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${expression}$`).test(value);
}
