// Pagination tokens. AppSync "encrypts and obfuscates the pagination token returned from
// DynamoDB" and the token cannot be used with another resolver; a token it did not issue is
// rejected. Here the LastEvaluatedKey and the query it belongs to (operation, table, index) are
// sealed with AES-256-GCM, so a token round-trips, reveals nothing, and any edit or reuse
// elsewhere is detected. The key is fixed so tokens survive a restart of the local runtime: this
// mirrors AppSync's behaviour, it is not meant to protect anything.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { isJsonObject, toAttributeMap, toTypedJsonMap } from './convert.ts';
import { invalidPaginationTokenError } from './errors.ts';
import type { AttributeMap } from './types.ts';

export interface PageScope {
  operation: 'Query' | 'Scan';
  tableName: string;
  index: string | undefined;
}

const TOKEN_VERSION = 1;
const SEALING_KEY = createHash('sha256').update('appsync-local/dynamodb/pagination-token/v1').digest();
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
