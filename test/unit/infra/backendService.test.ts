// One service's routes and who may call them, on a service of its own (the whole stack's template is
// checked in stack.test.ts).
import { App, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { BackendService } from '../../../infra/constructs/backendService.ts';
import { handler } from '../../../system/handlers.ts';
import type { RouteDeclaration } from '../../../system/services.ts';

const SIGNED: RouteDeclaration = {
  method: 'POST',
  path: '/payments/authorize',
  handler: handler('backend-services/payment/handlers/authorize.ts'),
};
const CALLBACK: RouteDeclaration = {
  method: 'POST',
  path: '/payments/callback',
  handler: handler('backend-services/payment/handlers/gatewayCallback.ts'),
  authorization: 'NONE',
  throttling: { rateLimit: 5, burstLimit: 10 },
};

function serviceWith(routes: readonly RouteDeclaration[]): BackendService {
  // Bundling skipped: only the template is looked at.
  const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'test');
  return new BackendService(stack, 'Service', {
    service: { name: 'payment', stage: 'prod', routes },
    streamTables: () => {
      throw new Error('No table events here.');
    },
    eventHandlers: [],
    logRetention: RetentionDays.ONE_DAY,
  });
}

const resolved = (service: BackendService, value: unknown): string => JSON.stringify(Stack.of(service).resolve(value));

describe('BackendService', () => {
  it('refuses a route without IAM that declares no throttling', () => {
    const { throttling: _, ...unthrottled } = CALLBACK;
    expect(() => serviceWith([SIGNED, unthrottled])).toThrow(
      "The payment service's POST /payments/callback is declared without IAM (authorization NONE) but without throttling",
    );
  });

  it('refuses to grant invoking a route without IAM', () => {
    const service = serviceWith([SIGNED, CALLBACK]);
    const role = new Role(service, 'Caller', { assumedBy: new ServicePrincipal('appsync.amazonaws.com') });
    expect(() => service.grantInvoke(role, ['POST /payments/callback'])).toThrow(
      "The payment service's POST /payments/callback takes no IAM authorization",
    );
    expect(() => service.routeArns(['POST /payments/authorize', 'POST /payments/callback'])).toThrow(/takes no IAM/);
  });

  it('grants invoking its IAM routes, not the route without IAM, when no route is named', () => {
    const service = serviceWith([SIGNED, CALLBACK]);
    const arns = service.routeArns();
    expect(arns).toHaveLength(1);
    expect(resolved(service, arns)).toContain('/prod/POST/payments/authorize"');
    expect(resolved(service, arns)).not.toContain('callback');
  });

  it("builds a route's public URL from the API's id and the stage's name, not from the Stage", () => {
    const service = serviceWith([SIGNED, CALLBACK]);
    const url = resolved(service, service.routeUrl('POST /payments/callback'));
    expect(url).toContain('/prod/payments/callback');
    expect(url).not.toMatch(/Stage|Deployment/);
    expect(() => service.routeUrl('POST /payments/refund')).toThrow(
      'The payment service declares no route POST /payments/refund.',
    );
  });
});
