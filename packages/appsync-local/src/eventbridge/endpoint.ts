// The HTTP face of the local bus: PutEvents over the AWS JSON 1.1 protocol (POST /, X-Amz-Target
// AWSEvents.PutEvents), SigV4-verified for the `events` service, answering with AWS's JSON error
// shapes; and GET /events (recent events), GET /deliveries (recent successful deliveries to
// targets) and GET /dead-letters, for people and tests, and POST /dead-letters/redrive. The redrive
// changes state without SigV4, so it takes only `Content-Type: application/json`: a web page
// cannot send that to 127.0.0.1 without a CORS preflight, which this endpoint never grants.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { verifySigV4, type IamPrincipal } from '../iam/sigv4.ts';
import type { DeadLetter, Delivered } from './delivery.ts';
import type { EventBridgeEvent } from './event.ts';
import { ERROR_CODES, EventBridgeError, validationError } from './errors.ts';
import type { PutEventsResult } from './putEvents.ts';
import { parsePutEventsBody } from './wireFormat.ts';
import { firstHeader, SIGV4_FAILURE_CODES, sendAwsJson } from '../http/awsJson.ts';
import { readBodyWithin } from '../http/body.ts';
import { splitUrl } from '../http/url.ts';

export interface EndpointOptions {
  region: string;
  principals: (accessKeyId: string) => IamPrincipal | undefined;
  putEvents: (entries: PutEventsRequestEntry[] | undefined, caller: IamPrincipal) => PutEventsResult;
  deadLetters: () => DeadLetter[];
  redriveDeadLetters: (select?: (deadLetter: DeadLetter) => boolean) => number;
  delivered: () => Delivered[];
  recentEvents: () => EventBridgeEvent[];
  maxBodyBytes: number;
}

const TARGET_PREFIX = 'AWSEvents.';

export function createEndpointHandler(options: EndpointOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = splitUrl(request.url ?? '/').rawPath;
    if (request.method === 'GET' && path === '/dead-letters')
      return sendAwsJson(response, 200, options.deadLetters(), 'application/json');
    if (request.method === 'POST' && path === '/dead-letters/redrive') return redrive(request, response, options);
    if (request.method === 'GET' && path === '/events')
      return sendAwsJson(response, 200, options.recentEvents(), 'application/json');
    if (request.method === 'GET' && path === '/deliveries')
      return sendAwsJson(response, 200, options.delivered(), 'application/json');
    if (request.method !== 'POST' || path !== '/')
      return sendAwsJson(response, 404, { message: 'Not Found' }, 'application/json');
    try {
      const bytes = await readBodyWithin(request, options.maxBodyBytes);
      if (bytes === undefined) throw validationError('Total size of the entries in the request is over the limit.');
      const body = bytes.toString('utf8');
      const verified = await verifySigV4(
        { method: 'POST', path, query: {}, headers: request.headers, body },
        { service: 'events', region: options.region, principals: options.principals },
      );
      if (!verified.ok) throw new EventBridgeError(SIGV4_FAILURE_CODES[verified.reason], verified.message);
      const target = firstHeader(request.headers['x-amz-target']);
      if (target !== `${TARGET_PREFIX}PutEvents`) throw unknownOperation(target);
      return sendAwsJson(response, 200, options.putEvents(parsePutEventsBody(body), verified.principal));
    } catch (error) {
      if (error instanceof EventBridgeError) return sendAwsJson(response, error.status, error.toJSON());
      console.error('local EventBridge: unexpected error', error);
      return sendAwsJson(response, 500, new EventBridgeError(ERROR_CODES.internal, 'An internal error occurred.', 500).toJSON());
    }
  };
}

/**
 * POST /dead-letters/redrive, body `{}` (every dead letter) or `{ "rule": "...", "targetId": "..." }`
 * (those of one rule, or of one of its targets): answers `{ "redriven": n }`.
 */
async function redrive(request: IncomingMessage, response: ServerResponse, options: EndpointOptions): Promise<void> {
  if (!/^application\/json\b/i.test(firstHeader(request.headers['content-type']) ?? '')) {
    return sendAwsJson(response, 415, { message: 'The body must be JSON (Content-Type: application/json).' }, 'application/json');
  }
  const bytes = await readBodyWithin(request, 64 * 1024);
  let filter: { rule?: unknown; targetId?: unknown };
  try {
    const text = bytes?.toString('utf8').trim() ?? '';
    filter = text === '' ? {} : (JSON.parse(text) as typeof filter);
  } catch {
    filter = { rule: null };
  }
  const valid =
    bytes !== undefined &&
    typeof filter === 'object' &&
    filter !== null &&
    (filter.rule === undefined || typeof filter.rule === 'string') &&
    (filter.targetId === undefined || typeof filter.targetId === 'string');
  if (!valid) {
    return sendAwsJson(
      response,
      400,
      { message: 'The body must be {} or { "rule"?: string, "targetId"?: string }.' },
      'application/json',
    );
  }
  const redriven = options.redriveDeadLetters(
    (deadLetter) =>
      (filter.rule === undefined || deadLetter.rule.name === filter.rule) &&
      (filter.targetId === undefined || deadLetter.target.id === filter.targetId),
  );
  return sendAwsJson(response, 200, { redriven }, 'application/json');
}

function unknownOperation(target: string | undefined): EventBridgeError {
  const message = target?.startsWith(TARGET_PREFIX)
    ? `${target} is not served by the local EventBridge: only PutEvents is; rules are declared when the bus is created.`
    : `Unknown operation ${target ?? '(no X-Amz-Target header)'}.`;
  return new EventBridgeError(ERROR_CODES.unknownOperation, message);
}
