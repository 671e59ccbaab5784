// The team's alert topics as the local stack serves them, for tests outside it: a local SNS whose
// topics are each subscribed by one team address, delivering into a mailbox of the test's own.
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LOCAL_ACCOUNT_ID } from 'appsync-local/iam/principals.ts';
import type { IamPrincipal } from 'appsync-local/iam/sigv4.ts';
import { startLocalMailbox, type LocalMailbox } from 'appsync-local/mail/index.ts';
import { type IsAllowed, type LocalSns, startLocalSns } from 'appsync-local/sns/index.ts';
import type { AlertTopicName } from '../../system/alerts.ts';

export const TEAM_EMAIL = 'team@example.com';

export interface TeamAlerts {
  readonly mailbox: LocalMailbox;
  readonly sns: LocalSns;
  close(): Promise<void>;
}

export async function startTeamAlerts(options: {
  readonly topics: readonly AlertTopicName[];
  readonly principals: (accessKeyId: string) => IamPrincipal | undefined;
  readonly isAllowed?: IsAllowed;
}): Promise<TeamAlerts> {
  const mailbox = await startLocalMailbox({ smtpPort: 0, webPort: 0 });
  const sns = await startLocalSns({
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT_ID,
    topics: options.topics,
    subscriptions: options.topics.map((topic) => ({ topic, protocol: 'email' as const, endpoint: TEAM_EMAIL })),
    smtp: mailbox.smtp,
    principals: options.principals,
    ...(options.isAllowed ? { isAllowed: options.isAllowed } : {}),
  });
  return {
    mailbox,
    sns,
    close: async () => {
      await sns.close();
      await mailbox.close();
    },
  };
}
