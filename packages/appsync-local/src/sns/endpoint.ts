// The HTTP face of the local SNS: the query protocol at `/` (POST with a form body, as
// @aws-sdk/client-sns sends it, SigV4-verified for the `sns` service), the unsigned GET links of
// SNS's emails (ConfirmSubscription, Unsubscribe), and GET /messages, the messages published so
// far, for people and tests (as the local bus's GET /events).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendAwsJson } from '../http/awsJson.ts';
import { parseQueryParameters, QUERY_SIGV4_FAILURES, sendQueryError, sendQueryResult } from '../http/awsQuery.ts';
import { readBodyWithin } from '../http/body.ts';
import { signatureQuery, splitUrl } from '../http/url.ts';
import { verifySigV4, type IamPrincipal } from '../iam/sigv4.ts';
import { ACTIONS, LINK_ACTIONS, type SnsContext } from './actions.ts';
import { ERROR_CODES, invalidParameter, SnsError } from './errors.ts';
import type { PublishedMessage } from './publish.ts';

export const SIGNING_SERVICE = 'sns';
export const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
/** A message and its attributes are at most 256 KiB; form encoding can triple that. */
const MAX_BODY_BYTES = 1024 * 1024;
/** SNS actions that exist but are not served here: named in the refusal, rather than "not valid". */
const KNOWN_ACTIONS =
  /^(Add|Check|Confirm|Create|Delete|Get|List|Opt|Publish|Put|Remove|Set|Subscribe|Tag|Unsubscribe|Untag|Verify)/;

export interface EndpointOptions {
  readonly region: string;
  readonly principals: (accessKeyId: string) => IamPrincipal | undefined;
  readonly sns: SnsContext;
  /** The messages kept, oldest first: of one topic (a name or an ARN), or of all; undefined for a topic that does not exist. */
  readonly messages: (topic: string | undefined) => PublishedMessage[] | undefined;
}

export function createEndpointHandler(options: EndpointOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const { rawPath, rawQuery } = splitUrl(request.url ?? '/');
    if (request.method === 'GET' && rawPath === '/messages') return listMessages(rawQuery, response, options);
    if (rawPath !== '/' || (request.method !== 'POST' && request.method !== 'GET')) {
      return sendAwsJson(response, 404, { message: 'Not Found' }, 'application/json');
    }
    try {
      const bytes = request.method === 'POST' ? await readBodyWithin(request, MAX_BODY_BYTES) : Buffer.alloc(0);
      if (bytes === undefined) throw invalidParameter('Message too long');
      const body = bytes.toString('utf8');
      const params = parseQueryParameters(request.method === 'POST' ? body : rawQuery);
      const action = params.get('Action') ?? '';
      const caller = isLink(request, action) ? undefined : await verifiedCaller(request, rawPath, rawQuery, body, options);
      const run = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
      if (!run) throw unknownAction(action);
      return sendQueryResult(response, action, SNS_XMLNS, run(params, caller, options.sns));
    } catch (error) {
      if (error instanceof SnsError) return sendQueryError(response, SNS_XMLNS, error);
      console.error('local SNS: unexpected error', error);
      return sendQueryError(response, SNS_XMLNS, new SnsError(ERROR_CODES.internal, 'An internal error occurred.', 500));
    }
  };
}

/** An unsigned GET of a link SNS's emails carry. */
function isLink(request: IncomingMessage, action: string): boolean {
  return request.method === 'GET' && LINK_ACTIONS.has(action) && request.headers.authorization === undefined;
}

async function verifiedCaller(
  request: IncomingMessage,
  path: string,
  rawQuery: string,
  body: string,
  options: EndpointOptions,
): Promise<IamPrincipal> {
  const verified = await verifySigV4(
    { method: request.method ?? 'POST', path, query: signatureQuery(rawQuery), headers: request.headers, body },
    { service: SIGNING_SERVICE, region: options.region, principals: options.principals },
  );
  if (verified.ok) return verified.principal;
  const { code, status } = QUERY_SIGV4_FAILURES[verified.reason];
  throw new SnsError(code, verified.message, status);
}

function unknownAction(action: string): SnsError {
  const message = KNOWN_ACTIONS.test(action)
    ? `${action} is not served by the local SNS: only ${Object.keys(ACTIONS).join(', ')} are.`
    : `The action ${action || '(no Action parameter)'} is not valid for this web service.`;
  return new SnsError(ERROR_CODES.invalidAction, message);
}

function listMessages(rawQuery: string, response: ServerResponse, options: EndpointOptions): void {
  const topic = new URLSearchParams(rawQuery).get('topic') ?? undefined;
  const messages = options.messages(topic);
  if (messages === undefined) return sendAwsJson(response, 404, { message: `There is no topic ${topic}.` }, 'application/json');
  return sendAwsJson(response, 200, messages, 'application/json');
}
