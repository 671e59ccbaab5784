// util.error, util.appendError, util.unauthorized, util.authType, runtime.earlyReturn and the
// extensions, through the modules the evaluator exposes.
import { describe, expect, it } from 'vitest';
import { type AuthType } from '../../../../../src/appsync/js/invocation.ts';
import { EarlyReturnSignal, ResolverErrorSignal, UnauthorizedSignal } from '../../../../../src/appsync/js/signals.ts';
import { createTestModules, runAs } from './testHost.ts';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (thrown) {
    return thrown;
  }
  throw new Error('expected the call to throw');
}

describe('util.error', () => {
  it('stops with a ResolverErrorSignal carrying message, type, data and errorInfo', () => {
    const { util } = createTestModules();
    const signal = thrownBy(() => util.error('Not found', 'NotFound', { id: '1' }, { hint: 'x' }));
    expect(signal).toBeInstanceOf(ResolverErrorSignal);
    expect(signal).toEqual(new ResolverErrorSignal('Not found', 'NotFound', { id: '1' }, { hint: 'x' }));
  });

  it('uses null for the parts left out', () => {
    const { util } = createTestModules();
    expect(thrownBy(() => util.error('boom'))).toEqual(new ResolverErrorSignal('boom', null, null, null));
  });
});

describe('util.appendError', () => {
  it('records the error on the current invocation and returns', () => {
    const { util, host } = createTestModules();
    expect(util.appendError('first', 'Warning', { n: 1 })).toBeUndefined();
    util.appendError('second');
    expect(host.invocation.appendedErrors).toEqual([
      { message: 'first', errorType: 'Warning', data: { n: 1 }, errorInfo: null },
      { message: 'second', errorType: null, data: null, errorInfo: null },
    ]);
  });

  it('writes to whichever invocation is current at the time of the call', () => {
    const { util, host } = createTestModules();
    const first = host.invocation;
    util.appendError('to the first');
    host.invocation = { ...first, appendedErrors: [] };
    util.appendError('to the second');
    expect(first.appendedErrors.map((error) => error.message)).toEqual(['to the first']);
    expect(host.invocation.appendedErrors.map((error) => error.message)).toEqual(['to the second']);
  });
});

describe('util.unauthorized', () => {
  it('stops with an UnauthorizedSignal', () => {
    const { util } = createTestModules();
    expect(thrownBy(() => util.unauthorized())).toBeInstanceOf(UnauthorizedSignal);
  });
});

describe('util.authType', () => {
  it.each<[AuthType, string]>([
    ['API_KEY', 'API Key Authorization'],
    ['AMAZON_COGNITO_USER_POOLS', 'User Pool Authorization'],
    ['AWS_IAM', 'IAM Authorization'],
    ['OPENID_CONNECT', 'Open ID Connect Authorization'],
    ['AWS_LAMBDA', 'Lambda Authorization'],
  ])('describes %s as "%s"', (authType, description) => {
    const { util } = createTestModules(authType);
    expect(util.authType()).toBe(description);
  });
});

describe('runtime.earlyReturn', () => {
  it('stops with an EarlyReturnSignal carrying the value', () => {
    const { runtime } = createTestModules();
    expect(thrownBy(() => runtime.earlyReturn({ cached: true }))).toEqual(new EarlyReturnSignal({ cached: true }, undefined));
  });

  it('returns null when no value is given and passes skipTo on', () => {
    const { runtime } = createTestModules();
    expect(thrownBy(() => runtime.earlyReturn())).toEqual(new EarlyReturnSignal(null, undefined));
    expect(thrownBy(() => runtime.earlyReturn('x', { skipTo: 'END' }))).toEqual(new EarlyReturnSignal('x', 'END'));
    expect(thrownBy(() => runtime.earlyReturn('x', { skipTo: 'NEXT' }))).toEqual(new EarlyReturnSignal('x', 'NEXT'));
  });

  it('rejects an unknown skipTo', () => {
    const { runtime } = createTestModules();
    expect(() => runtime.earlyReturn('x', { skipTo: 'LATER' })).toThrow(/skipTo/);
  });
});

describe('extensions', () => {
  it('stores the subscription filter and invalidation filter it is given', () => {
    const { util, extensions, host } = createTestModules();
    runAs(
      host,
      { typeName: 'Subscription', fieldName: 'onTicket', root: 'subscription' },
      { code: 'resolver', handler: 'response' },
    );
    const filter = util.transform.toSubscriptionFilter({ a: { eq: 1 } });
    extensions.setSubscriptionFilter(filter);
    extensions.setSubscriptionInvalidationFilter({ filterGroup: [] });
    expect(host.invocation.subscriptionFilter).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'a', operator: 'eq', value: 1 }] }],
    });
    expect(host.invocation.subscriptionInvalidationFilter).toEqual({ filterGroup: [] });
  });

  it('records subscription invalidations', () => {
    const { extensions, host } = createTestModules();
    runAs(host, { typeName: 'Mutation', fieldName: 'removeUser', root: 'mutation' }, { code: 'resolver', handler: 'response' });
    extensions.invalidateSubscriptions({ subscriptionField: 'onGroupMessageCreated', payload: { groupId: 'g1' } });
    expect(host.invocation.invalidations).toEqual([{ subscriptionField: 'onGroupMessageCreated', payload: { groupId: 'g1' } }]);
    expect(() => extensions.invalidateSubscriptions({ payload: {} })).toThrow(TypeError);
  });

  it('records cache evictions with their caching keys', () => {
    const { extensions, host } = createTestModules();
    extensions.evictFromApiCache('Query', 'getProduct', { 'context.arguments.productId': 'p1' });
    expect(host.invocation.cacheEvictions).toEqual([
      { typeName: 'Query', fieldName: 'getProduct', keys: { 'context.arguments.productId': 'p1' } },
    ]);
  });
});
