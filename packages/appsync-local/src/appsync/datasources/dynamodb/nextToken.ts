// Pagination tokens. AppSync "encrypts and obfuscates the pagination token returned from
// DynamoDB" and the token cannot be used with another resolver; a token it did not issue is
// rejected. Here the LastEvaluatedKey and the query it belongs to (operation, table, index) are
// sealed with AES-256-GCM, so a token round-trips, reveals nothing, and any edit or reuse
// elsewhere is detected. The key is random per process unless a host that keeps its state sets
// one (setPaginationSealingKey: the local stack keeps it with its tables), so that tokens survive
// a restart of the runtime with the data they page through, and are no public constant.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { isJsonObject, toAttributeMap, toTypedJsonMap } from './convert.ts';
import { invalidPaginationTokenError } from './errors.ts';
import type { AttributeMap } from './types.ts';

export interface PageScope {
  operation: 'Query' | 'Scan';
  tableName: string;
  index: string | undefined;
}

const TOKEN_VERSION = 1;
let SEALING_KEY: Buffer = randomBytes(32);

/** Seals the tokens of this process with `key` (32 bytes, AES-256), e.g. one kept with the tables. */
export function setPaginationSealingKey(key: Buffer): void {
  if (key.length !== 32) throw new Error(`A pagination sealing key is 32 bytes; this one is ${key.length}.`);
  SEALING_KEY = Buffer.from(key);
}
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

export function encodeNextToken(lastEvaluatedKey: AttributeMap, scope: PageScope): string {
  const plaintext = JSON.stringify({ scope: describeScope(scope), key: toTypedJsonMap(lastEvaluatedKey) });
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', SEALING_KEY, iv);
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const token = Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
  return Buffer.from(JSON.stringify({ version: TOKEN_VERSION, token })).toString('base64');
}

/** The ExclusiveStartKey a token stands for; throws AppSync's invalid-token error otherwise. */
export function decodeNextToken(nextToken: string, scope: PageScope): AttributeMap {
  try {
    const envelope: unknown = JSON.parse(Buffer.from(nextToken, 'base64').toString('utf8'));
    if (!isJsonObject(envelope) || envelope.version !== TOKEN_VERSION || typeof envelope.token !== 'string') {
      throw invalidPaginationTokenError();
    }
    const bytes = Buffer.from(envelope.token, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', SEALING_KEY, bytes.subarray(0, IV_LENGTH));
    decipher.setAuthTag(bytes.subarray(IV_LENGTH, IV_LENGTH + TAG_LENGTH));
    const plaintext = Buffer.concat([decipher.update(bytes.subarray(IV_LENGTH + TAG_LENGTH)), decipher.final()]);
    const payload: unknown = JSON.parse(plaintext.toString('utf8'));
    if (!isJsonObject(payload) || payload.scope !== describeScope(scope)) throw invalidPaginationTokenError();
    return toAttributeMap(payload.key, '$[nextToken]');
  } catch {
    throw invalidPaginationTokenError();
  }
}

function describeScope(scope: PageScope): string {
  return JSON.stringify([scope.operation, scope.tableName, scope.index ?? null]);
}
