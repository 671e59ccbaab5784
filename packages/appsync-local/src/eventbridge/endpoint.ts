// The HTTP face of the local bus: PutEvents over the AWS JSON 1.1 protocol (POST /, X-Amz-Target
// AWSEvents.PutEvents), SigV4-verified for the `events` service, answering with AWS's JSON error
// shapes; and GET /events (recent events), GET /deliveries (recent successful deliveries to
// targets) and GET /dead-letters, for people and tests.
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

function unknownOperation(target: string | undefined): EventBridgeError {
  const message = target?.startsWith(TARGET_PREFIX)
    ? `${target} is not served by the local EventBridge: only PutEvents is; rules are declared when the bus is created.`
    : `Unknown operation ${target ?? '(no X-Amz-Target header)'}.`;
  return new EventBridgeError(ERROR_CODES.unknownOperation, message);
}
