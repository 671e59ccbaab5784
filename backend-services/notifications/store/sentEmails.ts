// The only code that talks to the sent-emails table: the ledger domain/sendOnce.ts keeps, one item
// per email (`emailKey`, domain/emailKinds.ts), every change conditional on the item's state or on
// the claim still being the writer's. Entries expire after a while (EXPIRES_AFTER_DAYS): long
// after any redelivery of the event that sent them could arrive.
import { ConditionalCheckFailedException, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamoDbClient } from '../../platform/awsClients.ts';
import { config } from '../config.ts';
import type { LedgerEntry, SentEmailsLedger } from '../domain/sendOnce.ts';

const client = dynamoDbClient({ region: config.region, endpoint: config.dynamodbEndpoint });

export const EXPIRES_AFTER_DAYS = 90;

export interface EmailFacts {
  readonly orderId: string;
  readonly kind: string;
  readonly recipient: string;
}

/** The ledger, each new entry recording which order, kind and recipient it is for. */
export function sentEmailsLedger(facts: EmailFacts): SentEmailsLedger {
  return {
    async claim(key, attemptId, now) {
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: config.sentEmailsTable,
            Key: marshall({ emailKey: key }),
            UpdateExpression:
              'SET #state = :sending, attemptId = :attempt, claimedAt = :now, orderId = :orderId, kind = :kind, ' +
              'recipient = :recipient, expiresAt = :expiresAt ADD attempts :one',
            ConditionExpression: 'attribute_not_exists(emailKey) OR #state = :failed',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: marshall({
              ':sending': 'SENDING',
              ':failed': 'FAILED',
              ':attempt': attemptId,
              ':now': now,
              ':orderId': facts.orderId,
              ':kind': facts.kind,
              ':recipient': facts.recipient,
              ':expiresAt': Math.floor(now / 1000) + EXPIRES_AFTER_DAYS * 86_400,
              ':one': 1,
            }),
          }),
        );
        return { claimed: true };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const entry = await readEntry(key);
      // Gone between the refused claim and the read only if it expired: claim it afresh.
      if (!entry) return this.claim(key, attemptId, now);
      return { claimed: false, entry };
    },

    async settle(key, attemptId, outcome) {
      const values =
        outcome.state === 'SENT'
          ? { ':state': 'SENT', ':detail': outcome.messageId, ':at': new Date().toISOString() }
          : { ':state': outcome.state, ':detail': outcome.error.slice(0, 1000), ':at': new Date().toISOString() };
      await client.send(
        new UpdateItemCommand({
          TableName: config.sentEmailsTable,
          Key: marshall({ emailKey: key }),
          UpdateExpression: `SET #state = :state, ${outcome.state === 'SENT' ? 'messageId' : 'lastError'} = :detail, settledAt = :at`,
          ConditionExpression: 'attemptId = :attempt AND #state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: marshall({ ...values, ':attempt': attemptId, ':sending': 'SENDING' }),
        }),
      );
    },

    async abandon(key, staleAttemptId, attemptId) {
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: config.sentEmailsTable,
            Key: marshall({ emailKey: key }),
            UpdateExpression: 'SET #state = :uncertain, attemptId = :attempt, lastError = :why, settledAt = :at',
            ConditionExpression: 'attemptId = :stale AND #state = :sending',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: marshall({
              ':uncertain': 'UNCERTAIN',
              ':attempt': attemptId,
              ':stale': staleAttemptId,
              ':sending': 'SENDING',
              ':why': `Attempt ${staleAttemptId} never finished; its outcome is unknown.`,
              ':at': new Date().toISOString(),
            }),
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}

/** An email's ledger entry, as stored (for tests and operators as much as for the claim). */
export async function readEntry(key: string): Promise<(LedgerEntry & Record<string, unknown>) | undefined> {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: config.sentEmailsTable, Key: marshall({ emailKey: key }), ConsistentRead: true }),
  );
  return Item ? (unmarshall(Item) as LedgerEntry & Record<string, unknown>) : undefined;
}
