// The store's users: email sign-in, the back office's groups, and the web client's app client
// (SRP and USER_PASSWORD_AUTH, no secret), as the local stack provisions them. The pool cannot be
// deleted while it is retained, its client does not tell whether an address has an account, and
// Cognito's threat protection is a switch (infra/README.md, "The user pool").
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  StandardThreatProtectionMode,
  type UserPoolClient,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The password policy of the pool (amplify_outputs.json repeats it for the clients). */
export const PASSWORD_POLICY = {
  minLength: 8,
  requireDigits: true,
  requireLowercase: true,
  requireUppercase: true,
  requireSymbols: false,
} as const;

/**
 * Cognito's threat protection (compromised credentials, adaptive authentication) for sign-ins:
 * off, metrics only (`audit`), or acting on the risks it sees (`enforced`). Either of the last two
 * puts the pool on the Plus feature plan, billed per monthly active user.
 */
export const THREAT_PROTECTION_MODES = ['off', 'audit', 'enforced'] as const;
export type ThreatProtection = (typeof THREAT_PROTECTION_MODES)[number];

const THREAT_PROTECTION = {
  off: {},
  audit: { featurePlan: FeaturePlan.PLUS, standardThreatProtectionMode: StandardThreatProtectionMode.AUDIT_ONLY },
  enforced: { featurePlan: FeaturePlan.PLUS, standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION },
} as const satisfies Record<ThreatProtection, object>;

export interface StoreUserPoolProps {
  readonly groups: readonly string[];
  /** RETAIN (the default) also turns on deletion protection; DESTROY leaves the pool deletable with the stack. */
  readonly removalPolicy?: RemovalPolicy;
  readonly threatProtection: ThreatProtection;
}

export class StoreUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: StoreUserPoolProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Pool', {
      signInAliases: { email: true },
      autoVerify: { email: true },
      selfSignUpEnabled: true,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: PASSWORD_POLICY,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      deletionProtection: (props.removalPolicy ?? RemovalPolicy.RETAIN) !== RemovalPolicy.DESTROY,
      // Nothing set when off: the pool keeps the plan it has (Essentials, for a pool created today).
      ...THREAT_PROTECTION[props.threatProtection],
    });
    for (const group of props.groups) {
      new CfnUserPoolGroup(this, `Group-${group}`, { userPoolId: this.userPool.userPoolId, groupName: group });
    }
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG1',
      reason:
        'Passwords need 8 characters, upper and lower case and a digit, but no symbol: NIST SP 800-63B advises against ' +
        'composition rules, so the policy adds no more of them (a required symbol mostly ends a password in "!").',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'Shoppers sign in with a password alone: the shop holds no payment card data (the provider does) and a lost ' +
        'second factor would lock customers out of their orders; threat protection (the threatProtection switch) is ' +
        'the answer to stolen passwords (infra/README.md, "The user pool").',
    });
    if (props.threatProtection === 'off') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'Threat protection needs the Plus plan (about $0.02 a monthly active user, no free tier); it is the ' +
          'threatProtection context switch, off by default and recommended at audit for launch (infra/README.md, "The user pool").',
      });
    }
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      disableOAuth: true,
      authFlows: { userSrp: true, userPassword: true },
      // Sign-in and password recovery answer an unknown address as they answer a wrong password,
      // so that nobody can find out which addresses have an account.
      preventUserExistenceErrors: true,
    });
  }
}
