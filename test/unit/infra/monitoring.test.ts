import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS_NAMESPACE } from '../../../backend-services/platform/observability.ts';
import { ALARM_THRESHOLDS, CALLER_ERROR_TYPES, GATEWAY_ALARMS, SERVICE_METRICS } from '../../../infra/constructs/monitoring.ts';
import { ALARM_NOTIFICATIONS } from '../../../system/alerts.ts';
import { REPO_ROOT } from '../../../system/artifacts.ts';
import { SYSTEM } from '../../../system/index.ts';
import { synthesizeStack, TEST_LOG_RETENTION_DAYS, type TemplateResource } from './synthesizeStack.ts';

let resources: Record<string, TemplateResource>;

beforeAll(() => {
  ({ resources } = synthesizeStack());
}, 60_000);

const ofType = (type: string): TemplateResource[] => Object.values(resources).filter((r) => r.Type === type);
const idOf = (resource: TemplateResource): string => Object.entries(resources).find(([, r]) => r === resource)![0];
const alarmsOn = (namespace: string, metricName: string): TemplateResource[] =>
  ofType('AWS::CloudWatch::Alarm').filter((a) => a.Properties.Namespace === namespace && a.Properties.MetricName === metricName);

describe('the alarms', () => {
  it('watch the GraphQL API p99 latency and its 5XX errors', () => {
    const [latency] = alarmsOn('AWS/AppSync', 'Latency');
    expect(latency?.Properties).toMatchObject({
      ExtendedStatistic: 'p99',
      Dimensions: [{ Name: 'GraphQLAPIId', Value: expect.anything() }],
    });
    expect(alarmsOn('AWS/AppSync', '5XXError')).toHaveLength(1);
  });

  it("watch GraphQL fields that failed on our side, from the API's field-level logs", () => {
    const [filter, ...others] = ofType('AWS::Logs::MetricFilter');
    expect(others).toHaveLength(0);
    const apiLogGroup = ofType('AWS::Logs::LogGroup').find((g) =>
      JSON.stringify(g.Properties.LogGroupName ?? '').includes('/aws/appsync/apis/'),
    )!;
    expect(filter!.Properties.LogGroupName).toEqual({ Ref: idOf(apiLogGroup) });
    const pattern = String(filter!.Properties.FilterPattern);
    expect(pattern).toContain('$.fieldInError IS TRUE');
    for (const type of CALLER_ERROR_TYPES) expect(pattern).toContain(`$.errors[0] != "*${type}*"`);
    const [transformation] = filter!.Properties.MetricTransformations as { MetricNamespace: string; MetricName: string }[];
    expect(alarmsOn(transformation!.MetricNamespace, transformation!.MetricName)).toHaveLength(1);
  });

  it("count as ours every errorType the README does not list as the caller's to fix", () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...CALLER_ERROR_TYPES, 'InternalFailure', 'ServiceUnavailable'].sort());
  });

  it('watch the errors of every function', () => {
    const functions = ofType('AWS::Lambda::Function').map(idOf);
    const watched = alarmsOn('AWS/Lambda', 'Errors').map(
      (a) => (a.Properties.Dimensions as { Value: { Ref: string } }[])[0]!.Value.Ref,
    );
    expect(watched.sort()).toEqual(functions.sort());
  });

  it('watch the depth of every dead-letter queue', () => {
    const queues = ofType('AWS::SQS::Queue').map(idOf);
    const watched = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible').map(
      (a) => (a.Properties.Dimensions as { Value: { 'Fn::GetAtt': [string, string] } }[])[0]!.Value['Fn::GetAtt'][0],
    );
    expect(watched.sort()).toEqual(queues.sort());
    expect(queues).toHaveLength(SYSTEM.services.flatMap((s) => s.tableEvents ?? []).length + 1);
  });

  it('are shown on one dashboard', () => {
    expect(ofType('AWS::CloudWatch::Dashboard')).toHaveLength(1);
  });
});

describe('the alarms notify', () => {
  /** The Ref of the alert topic of a name (its TopicName is the stack's name and the topic's). */
  const topicRef = (name: string) => {
    const topic = ofType('AWS::SNS::Topic').find((t) => t.Properties.TopicName === `commerce-test-${name}`)!;
    return { Ref: idOf(topic) };
  };
  const isDeadLetterAlarm = (alarm: TemplateResource) =>
    alarm.Properties.Namespace === 'AWS/SQS' && alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible';

  it('critical-alerts of every alarm, into ALARM and back to OK', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(10);
    const critical = topicRef(ALARM_NOTIFICATIONS.everyAlarm);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions, idOf(alarm)).toContainEqual(critical);
      expect(alarm.Properties.OKActions, idOf(alarm)).toContainEqual(critical);
    }
  });

  it('order-errors of every dead-letter queue holding messages, and of nothing else', () => {
    const orderErrors = topicRef(ALARM_NOTIFICATIONS.deadLetters);
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms.filter(isDeadLetterAlarm)).toHaveLength(ofType('AWS::SQS::Queue').length);
    for (const alarm of alarms) {
      const actions = [alarm.Properties.AlarmActions, alarm.Properties.OKActions];
      if (isDeadLetterAlarm(alarm)) for (const list of actions) expect(list, idOf(alarm)).toContainEqual(orderErrors);
      else for (const list of actions) expect(list, idOf(alarm)).not.toContainEqual(orderErrors);
    }
  });
});

describe("the payment gateway's alarms", () => {
  /** Each alarm on a payment service metric, by metric name. */
  const gatewayAlarm = (metricName: string) => {
    const [alarm, ...others] = alarmsOn(METRICS_NAMESPACE, metricName);
    expect(others, metricName).toEqual([]);
    return alarm?.Properties;
  };
  /** Over five minutes, at `threshold` or more. */
  const summedAtLeast = (threshold: number) => ({
    Dimensions: [{ Name: 'service', Value: 'payment' }],
    Statistic: 'Sum',
    Period: 300,
    EvaluationPeriods: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    Threshold: threshold,
    TreatMissingData: 'notBreaching',
  });

  it('watch metrics the payment service publishes, in the namespace and dimension Powertools gives them', () => {
    expect(SERVICE_METRICS.namespace).toBe(METRICS_NAMESPACE);
    const published = new Set(
      readdirSync(join(REPO_ROOT, 'backend-services/payment'), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .flatMap((file) => [
          ...readFileSync(join(REPO_ROOT, 'backend-services/payment', file), 'utf8').matchAll(/addMetric\('(\w+)'/g),
        ])
        .map((m) => m[1]),
    );
    for (const { metricName } of GATEWAY_ALARMS) expect(published, metricName).toContain(metricName);
  });

  it('fire at one callback whose MAC does not verify in five minutes', () => {
    expect(gatewayAlarm('GatewayCallbackBadMac')).toMatchObject(summedAtLeast(1));
  });

  it('fire at one paid amount other than the order’s, and at one payment made after its order was cancelled', () => {
    expect(gatewayAlarm('GatewayAmountMismatch')).toMatchObject(summedAtLeast(1));
    expect(gatewayAlarm('GatewayPaidAfterClose')).toMatchObject(summedAtLeast(1));
  });

  it('fire at a stream of refused callbacks and a spike of expired payments, not at the odd one', () => {
    expect(gatewayAlarm('GatewayCallbackRejected')).toMatchObject(summedAtLeast(ALARM_THRESHOLDS.gatewayCallbackRejected));
    expect(gatewayAlarm('GatewayPaymentsExpired')).toMatchObject(summedAtLeast(ALARM_THRESHOLDS.gatewayPaymentsExpired));
    expect(ALARM_THRESHOLDS.gatewayCallbackRejected).toBeGreaterThan(1);
    expect(ALARM_THRESHOLDS.gatewayPaymentsExpired).toBeGreaterThan(1);
  });

  it('are on the dashboard', () => {
    const [dashboard] = ofType('AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard!.Properties.DashboardBody);
    for (const { metricName } of GATEWAY_ALARMS) expect(body).toContain(metricName);
  });
});

describe('the logs', () => {
  it('are kept for the set time in every log group', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect(group.Properties.RetentionInDays, idOf(group)).toBe(TEST_LOG_RETENTION_DAYS);
  });

  it('of every function go to a log group of the stack', () => {
    for (const fn of ofType('AWS::Lambda::Function')) {
      expect(fn.Properties.LoggingConfig, idOf(fn)).toMatchObject({ LogGroup: { Ref: expect.any(String) } });
    }
  });

  it('of the GraphQL API go to a log group of the stack, and no custom resource sets retention', () => {
    expect(
      ofType('AWS::Logs::LogGroup').some((g) => JSON.stringify(g.Properties.LogGroupName ?? '').includes('/aws/appsync/apis/')),
    ).toBe(true);
    expect(ofType('Custom::LogRetention')).toHaveLength(0);
  });

  it("of each REST API's requests go to an access log group of the stack, as JSON", () => {
    const stages = ofType('AWS::ApiGateway::Stage');
    expect(stages.length).toBeGreaterThan(0);
    for (const stage of stages) {
      const { DestinationArn, Format } = stage.Properties.AccessLogSetting as { DestinationArn: unknown; Format: string };
      // arn:…:log-group:<name>, the name a Ref to the group.
      const groupId = /"Ref":"([A-Za-z0-9]+)"\}\]\]\}$/.exec(JSON.stringify(DestinationArn))?.[1];
      expect(resources[groupId ?? '']?.Type, idOf(stage)).toBe('AWS::Logs::LogGroup');
      expect(JSON.parse(Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    }
  });

  it("of each REST API's errors go to the execution log group, which the stack makes first, never with bodies", () => {
    for (const stage of ofType('AWS::ApiGateway::Stage')) {
      // The stage's settings, and those of each throttled method.
      const settings = stage.Properties.MethodSettings as unknown[];
      expect(settings.length).toBeGreaterThan(0);
      for (const setting of settings) expect(setting).toMatchObject({ LoggingLevel: 'ERROR', DataTraceEnabled: false });
      const executionLogs = ofType('AWS::Logs::LogGroup').find(
        (group) =>
          JSON.stringify(group.Properties.LogGroupName) ===
          JSON.stringify({
            'Fn::Join': [
              '',
              ['API-Gateway-Execution-Logs_', stage.Properties.RestApiId, `/${String(stage.Properties.StageName)}`],
            ],
          }),
      );
      expect(executionLogs, idOf(stage)).toBeDefined();
      expect((stage as unknown as { DependsOn: string[] }).DependsOn).toContain(idOf(executionLogs!));
    }
  });
});
