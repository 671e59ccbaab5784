// Input transformers, with the examples of the EventBridge user guide ("Amazon EventBridge input
// transformation"): its EC2 event, its InputPathsMap and each of its templates.
import { describe, expect, it } from 'vitest';
import { EventBridgeError } from '../../../src/eventbridge/errors.ts';
import type { EventBridgeEvent } from '../../../src/eventbridge/event.ts';
import {
  applyInputTransformer,
  compileInputTransformer,
  type TransformContext,
} from '../../../src/eventbridge/inputTransformer.ts';
import { withDetail } from './events.ts';

const event: EventBridgeEvent = withDetail(
  { 'instance-id': 'i-0123456789', state: 'RUNNING' },
  {
    id: '7bf73129-1428-4cd3-a780-95db273d1602',
    account: '123456789012',
    time: '2015-11-11T21:29:54Z',
    resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  },
);
const context: TransformContext = {
  ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example',
  ruleName: 'example',
  ingestionTime: '2015-11-11T21:29:55.123Z',
};
const inputPathsMap = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };

function transform(
  inputTemplate: string,
  paths: Record<string, string> = inputPathsMap,
  source: EventBridgeEvent = event,
): unknown {
  return applyInputTransformer(compileInputTransformer('target-1', { inputPathsMap: paths, inputTemplate }), source, context);
}

describe('applyInputTransformer: the user guide examples', () => {
  it('fills a simple string', () => {
    expect(transform('"instance <instance> is in <state>"')).toBe('instance i-0123456789 is in RUNNING');
  });

  it('keeps escaped quotes of a string', () => {
    expect(transform('"instance \\"<instance>\\" is in <state>"')).toBe('instance "i-0123456789" is in RUNNING');
  });

  it('quotes string values placed outside quotes in simple JSON', () => {
    expect(transform('{\n  "instance" : <instance>,\n  "state": <state>\n}')).toEqual({
      instance: 'i-0123456789',
      state: 'RUNNING',
    });
  });

  it('mixes JSON values and variables inside strings', () => {
    const template =
      '{\n "instance" : <instance>,\n "state": "<state>",\n "instanceStatus": "instance \\"<instance>\\" is in <state>"\n}';
    expect(transform(template)).toEqual({
      instance: 'i-0123456789',
      state: 'RUNNING',
      instanceStatus: 'instance "i-0123456789" is in RUNNING',
    });
  });

  it('mixes variables with static information', () => {
    const template = '{\n  "instance" : <instance>,\n  "state": [ 9, <state>, true ],\n  "Transformed" : "Yes"\n}';
    expect(transform(template)).toEqual({ instance: 'i-0123456789', state: [9, 'RUNNING', true], Transformed: 'Yes' });
  });

  it('includes reserved variables in JSON: aws.events.event is the event without its detail', () => {
    const template =
      '{"instance": <instance>, "state": <state>, "ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "originalEvent": <aws.events.event>}';
    const { detail: _detail, 'detail-type': detailType, ...envelope } = event;
    expect(transform(template)).toEqual({
      instance: 'i-0123456789',
      state: 'RUNNING',
      ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example',
      ruleName: 'example',
      originalEvent: { ...envelope, detailType },
    });
  });

  it('includes reserved variables in a string', () => {
    expect(transform('"<aws.events.rule-name> triggered"')).toBe('example triggered');
  });
});

describe('applyInputTransformer: values and paths', () => {
  it('gives the whole event with aws.events.event.json and the ingestion time with aws.events.event.ingestion-time', () => {
    expect(transform('{"event": <aws.events.event.json>, "at": <aws.events.event.ingestion-time>}', {})).toEqual({
      event,
      at: '2015-11-11T21:29:55.123Z',
    });
  });

  it('places objects, lists, numbers and booleans as JSON outside quotes', () => {
    const source = withDetail({ order: { id: 'o-1', lines: [1, 2] }, total: 12.5, paid: false });
    const paths = { order: '$.detail.order', total: '$.detail.total', paid: '$.detail.paid', lines: '$.detail.order.lines' };
    expect(transform('{"o": <order>, "t": <total>, "p": <paid>, "l": <lines>}', paths, source)).toEqual({
      o: { id: 'o-1', lines: [1, 2] },
      t: 12.5,
      p: false,
      l: [1, 2],
    });
  });

  it('drops the quotes of an object placed inside a string, as AWS documents', () => {
    expect(transform('"Detail is <detail>"', { detail: '$.detail' })).toBe('Detail is {instance-id:i-0123456789,state:RUNNING}');
  });

  it('gives null for a missing path outside quotes and nothing inside a string', () => {
    expect(transform('{"a": <missing>, "b": "[<missing>]"}', { missing: '$.detail.nope' })).toEqual({ a: null, b: '[]' });
  });

  it('reads array indices, wildcards and names with slashes', () => {
    const source = withDetail({ items: [{ sku: 'a' }, { sku: 'b' }], 'a/b': 'slash' });
    const paths = { first: '$.detail.items[0].sku', all: '$.detail.items[*].sku', slash: '$.detail.a/b' };
    expect(transform('{"first": <first>, "all": <all>, "slash": <slash>}', paths, source)).toEqual({
      first: 'a',
      all: ['a', 'b'],
      slash: 'slash',
    });
  });

  it('passes a template that is not JSON as text, values unquoted', () => {
    expect(transform('Instance <instance> is <state>.')).toBe('Instance i-0123456789 is RUNNING.');
  });

  it('does not escape inserted values: a result that is no longer JSON reaches the target as text', () => {
    const source = withDetail({ note: 'say "hi"' });
    expect(transform('{"n": "<note>"}', { note: '$.detail.note' }, source)).toBe('{"n": "say "hi""}');
  });

  it('leaves text in angle brackets that is no variable alone', () => {
    expect(transform('"a <= b and <state>"')).toBe('a <= b and RUNNING');
  });
});

describe('compileInputTransformer', () => {
  function problem(definition: Parameters<typeof compileInputTransformer>[1]): string {
    try {
      compileInputTransformer('target-1', definition);
    } catch (error) {
      expect(error).toBeInstanceOf(EventBridgeError);
      return (error as EventBridgeError).message;
    }
    throw new Error('accepted');
  }

  it('refuses a placeholder that is neither defined nor reserved', () => {
    expect(problem({ inputTemplate: '{"a": <nope>}' })).toBe(
      'InputTemplate for target target-1 contains invalid placeholder nope.',
    );
  });

  it('refuses a reserved name as a variable', () => {
    expect(problem({ inputPathsMap: { 'aws.events.event': '$.detail' }, inputTemplate: '"x"' })).toMatch(
      /reserved variable name aws.events.event/,
    );
  });

  it('refuses a path that does not start with $', () => {
    expect(problem({ inputPathsMap: { a: 'detail.a' }, inputTemplate: '<a>' })).toBe('detail.a is not a valid JSON path.');
  });

  it('refuses more than 100 variables', () => {
    const inputPathsMap = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, '$.id']));
    expect(problem({ inputPathsMap, inputTemplate: '"x"' })).toMatch(/more than 100 variables/);
  });
});
