// AppSync's scalars, validated as AppSync validates them: on input (literals and variables) and
// on output (a resolver returning a malformed value gets a field error).
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isIP } from 'node:net';

interface ScalarRule {
  readonly description: string;
  /** The JS type the wire value must have. */
  readonly wire: 'string' | 'integer' | 'json';
  readonly isValid: (value: string | number) => boolean;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
const DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s\-().]{3,}$/;

function isRealDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol.length > 1 && (url.host.length > 0 || url.protocol === 'mailto:');
  } catch {
    return false;
  }
}

function isIpAddress(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || !address) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (version === 4 ? 32 : 128);
}

function isJson(value: string | number): boolean {
  if (typeof value !== 'string') return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

const RULES: Record<string, ScalarRule> = {
  AWSDate: {
    description: 'An ISO-8601 date: YYYY-MM-DD, with an optional offset.',
    wire: 'string',
    isValid: (v) => DATE.test(String(v)) && isRealDate(String(v)),
  },
  AWSTime: {
    description: 'An ISO-8601 time: hh:mm:ss.sss, with an optional offset.',
    wire: 'string',
    isValid: (v) => TIME.test(String(v)),
  },
  AWSDateTime: {
    description: 'An ISO-8601 date and time with an offset: YYYY-MM-DDThh:mm:ss.sssZ.',
    wire: 'string',
    isValid: (v) => DATE_TIME.test(String(v)) && isRealDate(String(v)),
  },
  AWSTimestamp: { description: 'Seconds since 1970-01-01T00:00Z.', wire: 'integer', isValid: (v) => Number.isSafeInteger(v) },
  AWSEmail: { description: 'An email address (RFC 822).', wire: 'string', isValid: (v) => EMAIL.test(String(v)) },
  AWSJSON: { description: 'A JSON string.', wire: 'json', isValid: isJson },
  AWSURL: { description: 'A URL (RFC 1738).', wire: 'string', isValid: (v) => isUrl(String(v)) },
  AWSPhone: { description: 'A phone number.', wire: 'string', isValid: (v) => PHONE.test(String(v)) && /\d/.test(String(v)) },
  AWSIPAddress: {
    description: 'An IPv4 or IPv6 address, optionally with a CIDR prefix.',
    wire: 'string',
    isValid: (v) => isIpAddress(String(v)),
  },
};

export const APPSYNC_SCALAR_NAMES = Object.keys(RULES);

/** The GraphQLScalarType that implements one AppSync scalar. */
export function createAppSyncScalar(name: string): GraphQLScalarType {
  const rule = RULES[name];
  if (!rule) throw new Error(`${name} is not an AppSync scalar`);
  const invalid = (value: unknown): GraphQLError =>
    new GraphQLError(`Unable to parse ${JSON.stringify(value)} as a valid ${name}.`);
  const check = (value: unknown): string | number => {
    if (rule.wire === 'integer') {
      if (typeof value !== 'number' || !rule.isValid(value)) throw invalid(value);
      return value;
    }
    if (typeof value !== 'string' || !rule.isValid(value)) throw invalid(value);
    return value;
  };
  // AWSJSON: "Any valid JSON construct is automatically parsed and loaded in the resolver code as
  // maps, lists, or scalar values rather than as the literal input strings" (AppSync's scalar
  // reference, https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html). Every other
  // scalar reaches the resolver in its wire form (a string, or AWSTimestamp's integer).
  const toResolverForm = (value: string | number): unknown =>
    rule.wire === 'json' ? (JSON.parse(value as string) as unknown) : value;
  return new GraphQLScalarType({
    name,
    description: rule.description,
    serialize(value) {
      // AWSJSON output: AppSync accepts a JSON string, or any value that it serializes itself.
      if (rule.wire === 'json') return typeof value === 'string' && isJson(value) ? value : JSON.stringify(value);
      try {
        return check(value);
      } catch {
        throw new GraphQLError(`Can't serialize value: Unable to serialize ${JSON.stringify(value)} as a valid ${name}.`);
      }
    },
    parseValue: (value) => toResolverForm(check(value)),
    parseLiteral(node: ValueNode) {
      if (rule.wire === 'integer') {
        if (node.kind !== Kind.INT) throw invalid(valueOfNode(node));
        return check(Number(node.value));
      }
      if (node.kind !== Kind.STRING) throw invalid(valueOfNode(node));
      return toResolverForm(check(node.value));
    },
  });
}

function valueOfNode(node: ValueNode): unknown {
  return 'value' in node ? node.value : node.kind;
}
