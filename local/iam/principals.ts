// The local stand-in for IAM: the roles the system's parts assume, each with credentials made
// fresh when the stack starts, and what each may invoke. Every local endpoint that verifies
// SigV4 looks callers up here.
import { randomBytes } from 'node:crypto';
import type { IamPrincipal } from './sigv4.ts';

export const LOCAL_ACCOUNT_ID = '000000000000';

export interface LocalRole extends IamPrincipal {
  readonly roleName: string;
}

export class LocalIam {
  private readonly byKey = new Map<string, LocalRole>();

  /** Creates a role with fresh credentials, as assuming an IAM role hands out temporary ones. */
  createRole(roleName: string): LocalRole {
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const role: LocalRole = {
      roleName,
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      accountId: LOCAL_ACCOUNT_ID,
      userArn: `arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/${roleName}/local`,
      username: `AROA${randomBytes(8).toString('hex').toUpperCase()}:local`,
    };
    this.byKey.set(accessKeyId, role);
    return role;
  }

  /** The lookup every SigV4 verifier takes. */
  readonly principals = (accessKeyId: string): IamPrincipal | undefined => this.byKey.get(accessKeyId);
}
