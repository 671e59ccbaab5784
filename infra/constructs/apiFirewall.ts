// The AWS WAF web ACL in front of the AppSync API. WAF sees every request before AppSync
// authenticates it, guests' API-key requests included: it limits each IP address's rate, refuses
// bodies larger than it can read, and runs AWS's managed rule groups for common exploits and
// known bad inputs. infra/README.md ("The web ACL") says why each limit is what it is.
import { Stack } from 'aws-cdk-lib';
import type { IGraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export const WEB_ACL_LIMITS = {
  /** Requests one IP address may send in five minutes (10 a second) before the rest are blocked; IAM-signed ones are not counted. */
  requestsPerIpPerWindow: 3_000,
  windowSeconds: 300,
  /**
   * The largest request body let through, in bytes: all that WAF can read of an AppSync request's
   * body (fixed at 8 KB, AWS WAF API Reference, `Body`), so that no request reaches the API with
   * bytes its rules did not inspect. The largest request a client makes is about half of it.
   */
  maxBodyBytes: 8 * 1024,
} as const;

/**
 * The AWS managed rule groups, in the order they run, each with the rules that only count. The
 * core rule set's NoUserAgent_HEADER would block the bus's AppSync targets if EventBridge sends no
 * User-Agent, and stops nobody who means harm (any client can send one).
 */
export const MANAGED_RULE_GROUPS = [
  { name: 'AWSManagedRulesKnownBadInputsRuleSet', countOnly: [] },
  { name: 'AWSManagedRulesCommonRuleSet', countOnly: ['NoUserAgent_HEADER'] },
] as const;

/** A request signed with SigV4 (IAM auth): its Authorization header names the algorithm first. */
export const SIGV4_SIGNED: CfnWebACL.StatementProperty = {
  byteMatchStatement: {
    fieldToMatch: { singleHeader: { Name: 'authorization' } },
    positionalConstraint: 'STARTS_WITH',
    searchString: 'AWS4-HMAC-SHA256',
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
};

export interface ApiFirewallProps {
  readonly api: IGraphqlApi;
}

export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const name = `${Stack.of(this).stackName}-api`;
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    type Rule = Omit<CfnWebACL.RuleProperty, 'priority' | 'visibilityConfig'>;
    const rules: Rule[] = [
      {
        name: 'RateLimitPerIp',
        action: { block: {} },
        statement: {
          rateBasedStatement: {
            aggregateKeyType: 'IP',
            limit: WEB_ACL_LIMITS.requestsPerIpPerWindow,
            evaluationWindowSec: WEB_ACL_LIMITS.windowSeconds,
            // Only what guests and shoppers send: the bus's AppSync targets (publishOrderStatus …)
            // are SigV4-signed and come from EventBridge's few addresses, so a sale's status pushes
            // would pass 10 a second from one address and be blocked, then dead-lettered. A forged
            // SigV4 header gains an attacker nothing but AppSync's 401.
            scopeDownStatement: { notStatement: { statement: SIGV4_SIGNED } },
          },
        },
      },
      {
        name: 'BodySizeLimit',
        action: { block: {} },
        statement: {
          sizeConstraintStatement: {
            // A body over what WAF can read is oversize: MATCH blocks it rather than letting its rest through unread.
            fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
            comparisonOperator: 'GT',
            size: WEB_ACL_LIMITS.maxBodyBytes,
            textTransformations: [{ priority: 0, type: 'NONE' }],
          },
        },
      },
      ...MANAGED_RULE_GROUPS.map((group): Rule => ({
        name: group.name,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: group.name,
            ...(group.countOnly.length > 0
              ? { ruleActionOverrides: group.countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
              : {}),
          },
        },
      })),
    ];

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name,
      description: `In front of the ${name} GraphQL API: a rate limit per IP address, a body size limit, AWS managed rules.`,
      // AppSync APIs take regional web ACLs.
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      // In this order, each with its own metric.
      rules: rules.map((rule, priority) => ({ ...rule, priority, visibilityConfig: visibility(`${name}-${rule.name}`) })),
      visibilityConfig: visibility(name),
    });
    new CfnWebACLAssociation(this, 'Association', { resourceArn: props.api.arn, webAclArn: this.webAcl.attrArn });
  }
}
