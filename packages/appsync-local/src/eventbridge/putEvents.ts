// PutEvents' checks and results, shared by the HTTP endpoint and the in-process call. Problems
// with the request as a whole throw; problems with one entry fail that entry only, as on AWS.
import { randomUUID } from 'node:crypto';
import type { PutEventsRequestEntry, PutEventsResponse, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { validationError } from './errors.ts';
import { formatEventTime, type EventBridgeEvent } from './event.ts';
import { isPlainObject, tryParseJson } from './json.ts';

export const MAX_ENTRIES = 10;
/** AWS raised the request limit from 256 KB to 1 MB on 2026-01-29; exactly 1 MB is accepted. */
export const DEFAULT_MAX_ENTRIES_BYTES = 1024 * 1024;
const TIME_BYTES = 14;

export type PutEventsResult = Required<Pick<PutEventsResponse, 'FailedEntryCount'>> & { Entries: PutEventsResultEntry[] };

export interface AcceptedEvent {
  busName: string;
  event: EventBridgeEvent;
}

export interface PutEventsContext {
  region: string;
  accountId: string;
  maxEntriesBytes: number;
  now: () => Date;
  /**
   * IAM's decision on one entry (events:PutEvents on its bus's ARN, with its `events:source` and
   * `events:detail-type`): a failed entry, or undefined when allowed. None: every entry is allowed
   * (an AWS service putting its own events, as S3 does).
   */
  authorize?: (entry: PutEventsRequestEntry, busArn: string) => PutEventsResultEntry | undefined;
}

export function putEventsEntries(
  entries: readonly PutEventsRequestEntry[] | undefined,
  context: PutEventsContext,
): { result: PutEventsResult; accepted: AcceptedEvent[] } {
  assertEntries(entries, context.maxEntriesBytes);
  const accepted: AcceptedEvent[] = [];
  const results = entries.map((entry): PutEventsResultEntry => {
    const busName = busNameOf(entry.EventBusName, context);
    const denied = context.authorize?.(entry, busArnOf(busName, context));
    if (denied) return denied;
    const checked = checkEntry(entry);
    if (!checked.ok) return checked.failure;
    const event: EventBridgeEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType ?? '',
      source: entry.Source ?? '',
      account: context.accountId,
      time: formatEventTime(entry.Time && !Number.isNaN(entry.Time.getTime()) ? entry.Time : context.now()),
      region: context.region,
      resources: [...(entry.Resources ?? [])],
      detail: checked.detail,
    };
    accepted.push({ busName, event });
    return { EventId: event.id };
  });
  return {
    result: { FailedEntryCount: results.filter((entry) => entry.ErrorCode !== undefined).length, Entries: results },
    accepted,
  };
}

function assertEntries(
  entries: readonly PutEventsRequestEntry[] | undefined,
  maxBytes: number,
): asserts entries is readonly PutEventsRequestEntry[] {
  const prefix = '1 validation error detected: Value';
  if (entries === undefined || entries === null) {
    throw validationError(`${prefix} null at 'entries' failed to satisfy constraint: Member must not be null`);
  }
  if (entries.length < 1) {
    throw validationError(
      `${prefix} '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    );
  }
  if (entries.length > MAX_ENTRIES) {
    throw validationError(
      `${prefix} '[PutEventsRequestEntry]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`,
    );
  }
  if (entries.reduce((total, entry) => total + entrySize(entry), 0) > maxBytes) {
    throw validationError('Total size of the entries in the request is over the limit.');
  }
}

/** AWS's documented entry size: Time counts 14 bytes, the rest their UTF-8 length. */
export function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (text: string | undefined) => Buffer.byteLength(text ?? '', 'utf8');
  return (
    (entry.Time ? TIME_BYTES : 0) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((total, resource) => total + bytes(resource), 0)
  );
}

function checkEntry(
  entry: PutEventsRequestEntry,
): { ok: false; failure: PutEventsResultEntry } | { ok: true; detail: Record<string, unknown> } {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    if (!entry[field]) {
      return {
        ok: false,
        failure: {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
        },
      };
    }
  }
  const detail = tryParseJson(entry.Detail ?? '');
  if (!detail || !isPlainObject(detail.value))
    return { ok: false, failure: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
  return { ok: true, detail: detail.value };
}

/**
 * EventBusName may be a name or an ARN; none means the default bus. The ARN of a bus in another
 * account or region names no bus of ours, so it stays an ARN.
 */
function busNameOf(nameOrArn: string | undefined, context: PutEventsContext): string {
  if (!nameOrArn) return 'default';
  const arn = /^arn:[^:]+:events:([^:]*):([^:]*):event-bus\/(.+)$/.exec(nameOrArn);
  if (!arn) return nameOrArn;
  const [, region, account, name = ''] = arn;
  return region === context.region && account === context.accountId ? name : nameOrArn;
}

/** The ARN IAM authorizes PutEvents on: the bus's, or the foreign ARN as given. */
export function busArnOf(busName: string, context: Pick<PutEventsContext, 'region' | 'accountId'>): string {
  return busName.startsWith('arn:') ? busName : `arn:aws:events:${context.region}:${context.accountId}:event-bus/${busName}`;
}
