// GetSecretValue: the request as the JSON 1.1 protocol carries it, IAM's decision, then the
// version asked for (AWSCURRENT unless a VersionId or VersionStage says otherwise), answered in
// AWS's shape. IAM decides first, so a caller without the permission cannot learn whether a
// secret exists.
import type { IamPrincipal } from '../iam/sigv4.ts';
import { accessDenied, ERROR_CODES, SecretsManagerError, secretNotFound, versionNotFound } from './errors.ts';
import type { SecretStore, SecretVersion, StoredSecret } from './store.ts';

export const GET_SECRET_VALUE_ACTION = 'secretsmanager:GetSecretValue';

export interface GetSecretValueRequest {
  SecretId?: string;
  VersionId?: string;
  VersionStage?: string;
}

export interface GetSecretValueResponse {
  ARN: string;
  Name: string;
  VersionId: string;
  SecretString: string;
  VersionStages: string[];
  /** Epoch seconds, as the JSON protocol sends timestamps. */
  CreatedDate: number;
}

/** May this principal do this action on this resource (an ARN)? */
export type IsAllowed = (principal: IamPrincipal, action: string, resource: string) => boolean;

const STRING_FIELDS = ['SecretId', 'VersionId', 'VersionStage'] as const;

export function parseGetSecretValueBody(body: string): GetSecretValueRequest {
  const fields = parseObject(body === '' ? '{}' : body);
  const request: GetSecretValueRequest = {};
  for (const field of STRING_FIELDS) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new SecretsManagerError(ERROR_CODES.serialization, `${field} must be a string.`);
    request[field] = value;
  }
  return request;
}

function parseObject(body: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SecretsManagerError(ERROR_CODES.serialization, 'The request body is not a JSON object.');
  }
  return value as Record<string, unknown>;
}

export function getSecretValue(
  request: GetSecretValueRequest,
  caller: IamPrincipal,
  context: { store: SecretStore; isAllowed: IsAllowed },
): GetSecretValueResponse {
  const secretId = request.SecretId;
  if (!secretId) {
    throw new SecretsManagerError(
      ERROR_CODES.validation,
      "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null",
    );
  }
  const secret = context.store.find(secretId);
  const resource = secret?.arn ?? context.store.resourceOf(secretId);
  if (!context.isAllowed(caller, GET_SECRET_VALUE_ACTION, resource)) {
    throw accessDenied(caller.userArn, GET_SECRET_VALUE_ACTION, secretId);
  }
  if (!secret) throw secretNotFound();
  const version = versionOf(secret, request);
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    SecretString: version.secretString,
    VersionStages: [...version.stages],
    CreatedDate: version.createdAt.getTime() / 1000,
  };
}

function versionOf(secret: StoredSecret, request: GetSecretValueRequest): SecretVersion {
  const { VersionId: versionId, VersionStage: versionStage } = request;
  if (versionId !== undefined) {
    const version = secret.versions.find((candidate) => candidate.versionId === versionId);
    if (!version) throw versionNotFound({ versionId });
    if (versionStage !== undefined && !version.stages.includes(versionStage)) throw versionNotFound({ versionStage });
    return version;
  }
  const stage = versionStage ?? 'AWSCURRENT';
  const version = secret.versions.find((candidate) => candidate.stages.includes(stage));
  if (!version) throw versionNotFound({ versionStage: stage });
  return version;
}
