// Takes the step ctx.stash.transition names, on the condition that the order is still in its
// `from` status; a change made since getOrderForTransition read it is a Conflict.
import { type Context, type DynamoDBUpdateItemRequest, util } from '@aws-appsync/utils';
import { CONDITION_FAILED, ErrorType, resultOrError } from '../lib/errors';
import { changedMeanwhileMessage, type TransitionStash } from '../lib/orderTransitions';
import { type OrderFields, type OrderItem, toOrder } from '../../domain/order';

interface Args {
  orderId: string;
}

export function request(ctx: Context<Args, TransitionStash>): DynamoDBUpdateItemRequest {
  const { from, to, reason } = ctx.stash.transition;
  const values: Record<string, string> = { ':to': to, ':from': from, ':now': util.time.nowISO8601() };
  let expression = 'SET #status = :to, #modifiedDate = :now, #previousStatus = :from';
  if (reason) {
    expression = `${expression}, #statusReason = :reason`;
    values[':reason'] = reason;
  } else {
    expression = `${expression} REMOVE #statusReason`;
  }
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ orderId: ctx.args.orderId }),
    update: {
      expression,
      expressionNames: {
        '#status': 'status',
        '#modifiedDate': 'modifiedDate',
        '#previousStatus': 'previousStatus',
        '#statusReason': 'statusReason',
      },
      expressionValues: util.dynamodb.toMapValues(values),
    },
    condition: {
      expression: '#status = :from',
      expressionNames: { '#status': 'status' },
      expressionValues: util.dynamodb.toMapValues({ ':from': from }),
    },
  };
}

export function response(ctx: Context<Args, TransitionStash>): OrderFields {
  if (ctx.error && ctx.error.type === CONDITION_FAILED) {
    const current = ctx.result as OrderItem | null;
    util.error(
      changedMeanwhileMessage(ctx.args.orderId, ctx.info.fieldName, current ? current.status : null),
      ErrorType.Conflict,
    );
  }
  return toOrder(resultOrError<OrderItem>(ctx));
}
