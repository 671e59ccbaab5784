// Publish's checks as SNS makes them (subject, message, structure, attributes, size), and what an
// email subscription is sent of a message.
import { describe, expect, it } from 'vitest';
import { SnsError } from '../../../src/sns/errors.ts';
import {
  acceptMessage,
  emailTextOf,
  MAX_MESSAGE_BYTES,
  parsePublishParameters,
  type PublishRequest,
} from '../../../src/sns/publish.ts';

const TOPIC = { arn: 'arn:aws:sns:us-east-1:000000000000:order-alerts', name: 'order-alerts' };
const NOW = new Date('2026-12-05T10:00:00.000Z');

function request(fields: Partial<PublishRequest>): PublishRequest {
  return {
    topicArn: TOPIC.arn,
    subject: undefined,
    message: 'hello',
    messageStructure: undefined,
    messageAttributes: {},
    ...fields,
  };
}

function refusal(fields: Partial<PublishRequest>): { code: string; message: string } {
  try {
    acceptMessage(request(fields), TOPIC, NOW);
  } catch (error) {
    if (error instanceof SnsError) return { code: error.code, message: error.message };
    throw error;
  }
  return expect.fail('the message was accepted');
}

describe('parsePublishParameters', () => {
  it('reads the flattened MessageAttributes the SDK sends', () => {
    const params = new URLSearchParams(
      'Action=Publish&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Aorder-alerts&Message=hi&Subject=S' +
        '&MessageAttributes.entry.1.Name=orderId&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=o-1' +
        '&MessageAttributes.entry.2.Name=pdf&MessageAttributes.entry.2.Value.DataType=Binary&MessageAttributes.entry.2.Value.BinaryValue=AQID',
    );
    expect(parsePublishParameters(params)).toEqual({
      topicArn: TOPIC.arn,
      subject: 'S',
      message: 'hi',
      messageStructure: undefined,
      messageAttributes: {
        orderId: { DataType: 'String', StringValue: 'o-1' },
        pdf: { DataType: 'Binary', BinaryValue: 'AQID' },
      },
    });
  });

  it('refuses TargetArn and PhoneNumber, which the local SNS does not deliver to', () => {
    expect(() => parsePublishParameters(new URLSearchParams('PhoneNumber=%2B15550100&Message=hi'))).toThrow(
      /^Invalid parameter: PhoneNumber/,
    );
  });
});

describe('acceptMessage', () => {
  it('accepts a message with an id, its topic and the time', () => {
    expect(acceptMessage(request({ subject: 'Order placed' }), TOPIC, NOW)).toEqual({
      messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      topicArn: TOPIC.arn,
      topic: 'order-alerts',
      subject: 'Order placed',
      message: 'hello',
      messageAttributes: {},
      timestamp: '2026-12-05T10:00:00.000Z',
      deliveries: [],
    });
  });

  it('refuses an empty message, and one over 256 KiB with its attributes', () => {
    expect(refusal({ message: '' })).toEqual({ code: 'InvalidParameter', message: 'Invalid parameter: Empty message' });
    expect(refusal({ message: undefined }).message).toBe('Invalid parameter: Empty message');
    const almost = 'x'.repeat(MAX_MESSAGE_BYTES - 10);
    expect(() => acceptMessage(request({ message: almost }), TOPIC, NOW)).not.toThrow();
    expect(
      refusal({ message: almost, messageAttributes: { orderId: { DataType: 'String', StringValue: 'o-12345' } } }).message,
    ).toBe('Invalid parameter: Message too long');
  });

  it('refuses a subject that is empty, has a line break or a control character, or is 100 characters or more', () => {
    for (const subject of ['', ' ', 'two\nlines', 'tab\there', 's'.repeat(100)]) {
      expect(refusal({ subject })).toEqual({ code: 'InvalidParameter', message: 'Invalid parameter: Subject' });
    }
    expect(acceptMessage(request({ subject: 's'.repeat(99) }), TOPIC, NOW).subject).toHaveLength(99);
    expect(acceptMessage(request({ subject: 'Commande passée ✓' }), TOPIC, NOW).subject).toBe('Commande passée ✓');
  });

  it('refuses a json MessageStructure that does not parse or has no default entry', () => {
    expect(refusal({ messageStructure: 'json', message: '{not json' }).message).toBe(
      'Invalid parameter: Message Structure - JSON message body failed to parse',
    );
    expect(refusal({ messageStructure: 'json', message: '{"email":"hi"}' }).message).toBe(
      'Invalid parameter: Message Structure - No default entry in JSON message body',
    );
    expect(refusal({ messageStructure: 'xml' }).message).toBe('Invalid parameter: MessageStructure');
  });

  it('refuses attributes of an unknown type, without a value, or whose Number is not a number', () => {
    expect(refusal({ messageAttributes: { a: { DataType: 'Integer', StringValue: '1' } } })).toEqual({
      code: 'ParameterValueInvalid',
      message:
        "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
    });
    expect(refusal({ messageAttributes: { b: { DataType: 'Binary', StringValue: 'text' } } }).message).toBe(
      "The message attribute 'b' must contain non-empty message attribute value for message attribute type 'Binary'.",
    );
    expect(refusal({ messageAttributes: { n: { DataType: 'Number', StringValue: 'ten' } } }).message).toBe(
      "Could not cast message attribute 'n' value to number.",
    );
    expect(refusal({ messageAttributes: { l: { DataType: 'String.Array', StringValue: 'a,b' } } }).code).toBe(
      'ParameterValueInvalid',
    );
    const accepted = {
      n: { DataType: 'Number.price', StringValue: '9.90' },
      l: { DataType: 'String.Array', StringValue: '["a",1]' },
    };
    expect(acceptMessage(request({ messageAttributes: accepted }), TOPIC, NOW).messageAttributes).toEqual(accepted);
  });
});

describe('emailTextOf', () => {
  it('is the message, or with a json MessageStructure its email entry, else its default one', () => {
    expect(emailTextOf(acceptMessage(request({ message: 'plain' }), TOPIC, NOW))).toBe('plain');
    const both = JSON.stringify({ default: 'for all', email: 'for email' });
    expect(emailTextOf(acceptMessage(request({ messageStructure: 'json', message: both }), TOPIC, NOW))).toBe('for email');
    const onlyDefault = JSON.stringify({ default: 'for all', sqs: '{}' });
    expect(emailTextOf(acceptMessage(request({ messageStructure: 'json', message: onlyDefault }), TOPIC, NOW))).toBe('for all');
  });
});
