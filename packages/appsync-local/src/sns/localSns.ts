// A local SNS for the services' own @aws-sdk/client-sns clients: topics declared at start (or
// made by CreateTopic), email subscriptions delivered over SMTP to a local mailbox (MailDev), and
// every published message kept for GET /messages. Delivery is asynchronous, as SNS's is: Publish
// answers once the message is accepted; `whenIdle()` waits for the emails.
import { listen, type RunningServer } from '../appsync/server.ts';
import type { IamPrincipal } from '../iam/sigv4.ts';
import type { IsAllowed, SnsContext } from './actions.ts';
import { confirmationEmail, createEmailSender, notificationEmail, type Email, type SmtpSettings } from './email.ts';
import { createEndpointHandler } from './endpoint.ts';
import type { Delivery, PublishedMessage } from './publish.ts';
import { TopicStore, type Topic } from './store.ts';

/** How many published messages GET /messages keeps (the oldest go first). */
export const RECENT_MESSAGES = 1000;

/** A subscription that exists, confirmed, from the start: as if its owner had followed the confirmation link. */
export interface EmailSubscriptionDefinition {
  readonly topic: string;
  readonly protocol: 'email';
  readonly endpoint: string;
}

export interface LocalSnsOptions {
  /** 0 or omitted: any free port. */
  readonly port?: number;
  readonly host?: string;
  readonly region: string;
  readonly accountId: string;
  /** Topic names, created at start: `arn:aws:sns:<region>:<accountId>:<name>`. */
  readonly topics?: readonly string[];
  readonly subscriptions?: readonly EmailSubscriptionDefinition[];
  /** Where email subscriptions are delivered: a local mailbox's SMTP server. */
  readonly smtp: SmtpSettings;
  /** Who may call the endpoint: the SigV4 key lookup. */
  readonly principals: (accessKeyId: string) => IamPrincipal | undefined;
  /** IAM's decision on `sns:<Action>` for a topic's ARN; omitted = allowed. */
  readonly isAllowed?: IsAllowed;
  /** The clock of messages' timestamps; tests replace it. */
  readonly now?: () => Date;
}

export interface LocalSns {
  /** `http://127.0.0.1:PORT`: the `endpoint` of an SNSClient. */
  readonly endpoint: string;
  readonly port: number;
  topicArn(name: string): string;
  /** The messages kept, oldest first: of one topic (a name or an ARN), or of all. */
  messages(topic?: string): PublishedMessage[];
  /** Resolves when no email is being sent (confirmations and messages alike). */
  whenIdle(): Promise<void>;
  /** Frees the port and closes the SMTP client; emails under way are waited for. */
  close(): Promise<void>;
}

export async function startLocalSns(options: LocalSnsOptions): Promise<LocalSns> {
  const store = new TopicStore({ region: options.region, accountId: options.accountId });
  for (const name of options.topics ?? []) store.create(name);
  for (const { topic, protocol, endpoint } of options.subscriptions ?? []) {
    const declared = store.find(topic);
    if (!declared) throw new Error(`The subscription of ${endpoint} names the topic ${topic}, which is not declared.`);
    store.subscribe(declared, protocol, endpoint).confirmed = true;
  }

  const sender = createEmailSender(options.smtp);
  const messages: PublishedMessage[] = [];
  const sending = new Set<Promise<void>>();
  let endpoint = '';
  const send = (email: Email, delivery?: Delivery): void => {
    const attempt = sender.send(email).then(
      () => {
        if (delivery) delivery.status = 'delivered';
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        if (delivery) Object.assign(delivery, { status: 'failed', error: reason });
        console.error(`local SNS: could not email ${email.to} (${email.subject}): ${reason}`);
      },
    );
    sending.add(attempt);
    void attempt.finally(() => sending.delete(attempt));
  };

  const sns: SnsContext = {
    store,
    isAllowed: options.isAllowed ?? (() => true),
    now: options.now ?? (() => new Date()),
    publish(message, topic) {
      messages.push(message);
      if (messages.length > RECENT_MESSAGES) messages.splice(0, messages.length - RECENT_MESSAGES);
      for (const subscription of topic.subscriptions.filter((s) => s.confirmed)) {
        const delivery: Delivery = {
          subscriptionArn: subscription.arn,
          protocol: subscription.protocol,
          endpoint: subscription.endpoint,
          status: 'pending',
        };
        message.deliveries.push(delivery);
        send(notificationEmail(message, subscription, topic, endpoint), delivery);
      }
    },
    requestConfirmation: (subscription, topic) => send(confirmationEmail(subscription, topic, endpoint)),
  };
  const messagesOf = (name: string | undefined): PublishedMessage[] | undefined => {
    if (name === undefined) return [...messages];
    const topic: Topic | undefined = store.find(name);
    return topic && messages.filter((message) => message.topicArn === topic.arn);
  };

  let server: RunningServer;
  try {
    server = await listen(
      createEndpointHandler({ region: options.region, principals: options.principals, sns, messages: messagesOf }),
      options.port ?? 0,
      options.host,
    );
  } catch (error) {
    sender.close();
    throw error;
  }
  endpoint = server.url;
  const whenIdle = async (): Promise<void> => {
    while (sending.size > 0) await Promise.all([...sending]);
  };
  return {
    endpoint: server.url,
    port: server.port,
    topicArn: (name) => store.arnOf(name),
    messages: (topic) => messagesOf(topic) ?? [],
    whenIdle,
    async close() {
      await server.close();
      await whenIdle();
      sender.close();
    },
  };
}
