// What a target receives with Input, InputPath, InputTransformer or none of them.
import { describe, expect, it } from 'vitest';
import { compileTargetInput } from '../../../src/eventbridge/targetInput.ts';
import { ec2StateChange } from './events.ts';

const context = {
  ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/r',
  ruleName: 'r',
  ingestionTime: '2017-10-02T16:24:50.000Z',
};

describe('compileTargetInput', () => {
  it('passes the matched event when nothing is configured', () => {
    expect(compileTargetInput({ id: 't' })(ec2StateChange(), context)).toEqual(ec2StateChange());
  });

  it('passes constant JSON for Input', () => {
    expect(compileTargetInput({ id: 't', input: '{"fixed":[1,2]}' })(ec2StateChange(), context)).toEqual({ fixed: [1, 2] });
  });

  it('passes the part of the event InputPath selects', () => {
    expect(compileTargetInput({ id: 't', inputPath: '$.detail.state' })(ec2StateChange(), context)).toBe('running');
    expect(compileTargetInput({ id: 't', inputPath: '$.detail' })(ec2StateChange(), context)).toEqual(ec2StateChange().detail);
  });

  it('passes null when InputPath selects nothing', () => {
    expect(compileTargetInput({ id: 't', inputPath: '$.detail.absent' })(ec2StateChange(), context)).toBeNull();
  });

  it('refuses more than one of Input, InputPath and InputTransformer', () => {
    expect(() => compileTargetInput({ id: 't', input: '{}', inputPath: '$' })).toThrow(
      'Only one of Input, InputPath, or InputTransformer must be provided for target t.',
    );
  });

  it('refuses Input that is not JSON text', () => {
    expect(() => compileTargetInput({ id: 't', input: '{oops' })).toThrow('Input for target t is not valid JSON text.');
  });
});
