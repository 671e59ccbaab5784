import {
  BatchGetItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  DynamoDBServiceException,
  IdempotentParameterMismatchException,
  QueryCommand,
  TransactionCanceledException,
  TransactionInProgressException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OrderOutcomeUnknownError, ServiceUnavailableError } from '../../../../../backend-services/orders/errors.ts';
import {
  RESEND_PAUSES_MS,
  SEND_TIMEOUT_MS,
  TRANSACTION_ATTEMPTS,
  WRITE_ORDER_BUDGET_MS,
  writeOrder,
} from '../../../../../backend-services/orders/store/writeOrder.ts';
import { createLocalDynamoDbClient, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { type CheckoutTables, createCheckoutTables } from '../../../../support/backend-services/checkoutTables.ts';
import { anOrderItem } from '../../../../support/backend-services/orders.ts';
import { aProduct } from '../../../../support/backend-services/products.ts';

const tables = { orders: 'orders', products: 'products', carts: 'carts', stockMovements: 'stock-movements' };
const order = anOrderItem('order-1');

/**
 * A client whose TransactWriteItems answers as `answers` say, one call each, then succeeds; the
 * stock read before answers 100 of each product. `send` counts the transactions only.
 */
function fakeClient(...answers: (Error | undefined)[]) {
  const client = new DynamoDBClient({ region: LOCAL_REGION });
  const send = vi.fn();
  vi.spyOn(client, 'send').mockImplementation((async (command: TransactWriteItemsCommand | BatchGetItemCommand) => {
    if (command instanceof BatchGetItemCommand) {
      return { Responses: { [tables.products]: order.products.map(({ productId }) => marshall({ productId, stock: 100 })) } };
    }
    send(command);
    const answer = answers.shift();
    if (answer) throw answer;
    return { $metadata: {}, command };
  }) as unknown as DynamoDBClient['send']);
  return { client, send };
}

/** The tokens the transactions were sent with, one per send. */
function tokensOf(send: ReturnType<typeof fakeClient>['send']): (string | undefined)[] {
  return send.mock.calls.map(([command]) => (command as TransactWriteItemsCommand).input.ClientRequestToken);
}

/** A 4xx DynamoDB answers when it did not run the request at all, to the SDK's `attempts`-th attempt. */
function refusal(name: string, attempts = 1) {
  return new DynamoDBServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400, attempts }, message: name });
}

const inProgress = () =>
  new TransactionInProgressException({
    message: 'The transaction with the given request token is already in progress.',
    $metadata: {},
  });

function cancelled(...codes: string[]) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

describe('writeOrder', () => {
  afterEach(() => vi.restoreAllMocks());

  describe('with a fake client', () => {
    it('tries again when AWS cancels the transaction for a conflict with another one', async () => {
      const { client, send } = fakeClient(
        cancelled('None', 'TransactionConflict', 'None'),
        cancelled('None', 'None', 'TransactionConflict'),
      );
      expect(await writeOrder(client, tables, order, 'createOrder')).toEqual({ kind: 'written' });
      expect(send).toHaveBeenCalledTimes(3);
    });

    it('tries again when DynamoDB throttles an item', async () => {
      const { client, send } = fakeClient(cancelled('None', 'ThrottlingError', 'None'));
      expect(await writeOrder(client, tables, order, 'createOrder')).toEqual({ kind: 'written' });
      expect(send).toHaveBeenCalledTimes(2);
    });

    it(`gives up with SERVICE_UNAVAILABLE after ${TRANSACTION_ATTEMPTS} conflicting attempts, the last cancellation as its cause`, async () => {
      const log = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const last = cancelled('TransactionConflict', 'None', 'None');
      const { client, send } = fakeClient(
        ...Array.from({ length: TRANSACTION_ATTEMPTS - 1 }, () => cancelled('TransactionConflict', 'None', 'None')),
        last,
      );
      const error = await writeOrder(client, tables, order, 'createOrder').catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect((error as Error).cause).toBe(last);
      expect(send).toHaveBeenCalledTimes(TRANSACTION_ATTEMPTS);
      expect(log).toHaveBeenCalledWith(expect.any(String), {
        orderId: 'order-1',
        busy: TRANSACTION_ATTEMPTS,
        moved: 0,
        codes: ['TransactionConflict', 'None', 'None'],
      });
    });

    it('does not try again a cancellation that would fail again', async () => {
      vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const { client, send } = fakeClient(cancelled('ValidationError', 'None', 'None'));
      await expect(writeOrder(client, tables, order, 'createOrder')).rejects.toThrow(ServiceUnavailableError);
      expect(send).toHaveBeenCalledOnce();
    });

    it("answers exists when the order's condition fails, whatever the products' say", async () => {
      const { client } = fakeClient(cancelled('ConditionalCheckFailed', 'ConditionalCheckFailed', 'None'));
      expect(await writeOrder(client, tables, order, 'createOrder')).toEqual({ kind: 'exists' });
    });

    it('sends each transaction with a ClientRequestToken of at most 36 characters, and each round after the stock moved with its own', async () => {
      const moved = new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [
          { Code: 'None' },
          { Code: 'ConditionalCheckFailed', Item: marshall({ stock: 50 }) },
          { Code: 'None' },
        ],
      });
      const { client, send } = fakeClient(moved);
      expect(await writeOrder(client, tables, order, 'createOrder')).toEqual({ kind: 'written' });
      const [first, second] = tokensOf(send);
      expect(first).toMatch(/^[0-9a-f]{36}$/);
      expect(second).toMatch(/^[0-9a-f]{36}$/);
      expect(second).not.toBe(first);
    });
  });

  describe('when a send gets no definite answer, with a fake client', () => {
    const noAnswer = () => new Error('socket hang up');

    beforeEach(() => {
      vi.useFakeTimers();
      vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    });
    afterEach(() => vi.useRealTimers());

    /** writeOrder with the resends' pauses run at once; its error, if it throws, as its outcome. */
    async function write(client: DynamoDBClient) {
      const outcome = writeOrder(client, tables, order, 'createOrder').catch((error: unknown) => error);
      await vi.runAllTimersAsync();
      return outcome;
    }

    it('sends the same transaction again with the same token, and answers written when DynamoDB says it committed', async () => {
      const { client, send } = fakeClient(noAnswer());
      expect(await write(client)).toEqual({ kind: 'written' });
      expect(send).toHaveBeenCalledTimes(2);
      expect(send.mock.calls[1]![0]).toBe(send.mock.calls[0]![0]);
      expect(new Set(tokensOf(send)).size).toBe(1);
    });

    it('cuts each send off after a while, so that a send that hangs is sent again too', async () => {
      const { client } = fakeClient();
      await write(client);
      const transactions = vi.mocked(client.send).mock.calls.filter(([command]) => command instanceof TransactWriteItemsCommand);
      expect(transactions.map(([, options]) => options)).toEqual([{ abortSignal: expect.any(AbortSignal) }]);
    });

    it('keeps sending the same token while DynamoDB says the transaction is in progress', async () => {
      const { client, send } = fakeClient(noAnswer(), inProgress(), inProgress());
      expect(await write(client)).toEqual({ kind: 'written' });
      expect(send).toHaveBeenCalledTimes(4);
      expect(new Set(tokensOf(send)).size).toBe(1);
    });

    it('takes a cancellation of a resend as definite: the order exists when its own condition failed', async () => {
      const { client, send } = fakeClient(noAnswer(), cancelled('ConditionalCheckFailed', 'None', 'None'));
      expect(await write(client)).toEqual({ kind: 'exists' });
      expect(send).toHaveBeenCalledTimes(2);
    });

    it('does not take a refusal of a resend as "nothing written": the first send may have committed', async () => {
      const { client, send } = fakeClient(noAnswer(), refusal('ThrottlingException'));
      expect(await write(client)).toEqual({ kind: 'written' });
      expect(send).toHaveBeenCalledTimes(3);
    });

    it('does not take IdempotentParameterMismatchException as "nothing written" either', async () => {
      const mismatch = new IdempotentParameterMismatchException({ message: 'mismatch', $metadata: {} });
      const { client, send } = fakeClient(mismatch);
      expect(await write(client)).toEqual({ kind: 'written' });
      expect(send).toHaveBeenCalledTimes(2);
    });

    it(`gives up with OrderOutcomeUnknownError, logging it, when no send in the write's ${WRITE_ORDER_BUDGET_MS} ms gets an answer`, async () => {
      const log = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      // A resend starts only if it could end (its pause and a whole send) within the budget.
      let elapsed = 0;
      let sends = 1;
      for (const pause of RESEND_PAUSES_MS) {
        if (elapsed + pause + SEND_TIMEOUT_MS > WRITE_ORDER_BUDGET_MS) break;
        elapsed += pause;
        sends += 1;
      }
      expect(sends).toBeGreaterThanOrEqual(3);
      const last = noAnswer();
      const { client, send } = fakeClient(...Array.from({ length: sends - 1 }, noAnswer), last, noAnswer());
      const error = await write(client);
      expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
      expect(error).toMatchObject({ orderId: 'order-1', cause: last });
      expect(send).toHaveBeenCalledTimes(sends);
      expect(new Set(tokensOf(send)).size).toBe(1);
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/unknown/), { orderId: 'order-1', error: last });
    });

    it('answers SERVICE_UNAVAILABLE at once when DynamoDB refuses the first send outright: nothing was written', async () => {
      vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const refused = refusal('ValidationException');
      const { client, send } = fakeClient(refused);
      const error = await write(client);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect((error as Error).cause).toBe(refused);
      expect(send).toHaveBeenCalledOnce();
    });

    it('does not take a refusal as "nothing written" when the SDK had tried the send before: that try may have committed', async () => {
      const { client, send } = fakeClient(refusal('ThrottlingException', 3));
      expect(await write(client)).toEqual({ kind: 'written' });
      expect(send).toHaveBeenCalledTimes(2);
    });
  });

  describe('on DynamoDB Local', () => {
    let local: CheckoutTables;
    const client = () => createLocalDynamoDbClient(local.dynamodbEndpoint);
    const names = () => ({
      orders: local.names.orders,
      products: local.names.products,
      carts: local.names.carts,
      stockMovements: local.names.stockMovements,
    });

    beforeAll(async () => {
      local = await createCheckoutTables();
    });

    it('reserves the stock and writes the order', async () => {
      await local.putProducts(aProduct('w-1', { stock: 2 }), aProduct('w-2', { stock: 1 }));
      const placed = anOrderItem('w-order-1', {
        products: [
          { ...order.products[0]!, productId: 'w-1', quantity: 2 },
          { ...order.products[1]!, productId: 'w-2', quantity: 1 },
        ],
      });
      expect(await writeOrder(client(), names(), placed, 'createOrder')).toEqual({ kind: 'written' });
      expect([await local.stockOf('w-1'), await local.stockOf('w-2')]).toEqual([0, 0]);
      expect(await local.getOrder('w-order-1')).toEqual(placed);
    });

    it('tells short stock (with what is left) from a deleted product, and writes nothing', async () => {
      await local.putProducts(aProduct('s-1', { stock: 1 }), aProduct('s-2', { stock: 5 }));
      await client().send(new DeleteItemCommand({ TableName: local.names.products, Key: marshall({ productId: 's-2' }) }));
      const refused = anOrderItem('s-order-1', {
        products: [
          { ...order.products[0]!, productId: 's-1', quantity: 2 },
          { ...order.products[1]!, productId: 's-2', quantity: 1 },
        ],
      });
      const outcome = await writeOrder(client(), names(), refused, 'createOrder');
      expect(outcome.kind).toBe('stockShort');
      // DynamoDB reports every failed condition on AWS; DynamoDB Local may stop at the first.
      expect(outcome.kind === 'stockShort' && outcome.shortages[0]).toEqual({ productId: 's-1', stock: 1 });
      expect(await local.getOrder('s-order-1')).toBeUndefined();
      expect(await local.stockOf('s-1')).toBe(1);
    });

    it('answers a deleted product as a shortage without stock', async () => {
      const gone = anOrderItem('g-order-1', { products: [{ ...order.products[0]!, productId: 'never-there', quantity: 1 }] });
      expect(await writeOrder(client(), names(), gone, 'createOrder')).toEqual({
        kind: 'stockShort',
        shortages: [{ productId: 'never-there' }],
      });
    });

    it('answers exists for an order written before, reserving nothing again', async () => {
      await local.putProducts(aProduct('e-1', { stock: 5 }));
      const again = anOrderItem('e-order-1', { products: [{ ...order.products[0]!, productId: 'e-1', quantity: 1 }] });
      await writeOrder(client(), names(), again, 'createOrder');
      expect(await writeOrder(client(), names(), again, 'createOrder')).toEqual({ kind: 'exists' });
      expect(await local.stockOf('e-1')).toBe(4);
    });

    /**
     * A client over DynamoDB Local whose first TransactWriteItems is lost: `after` it reached
     * DynamoDB (the answer is lost) or `before` (the request is).
     */
    function losingFirstTransaction(lost: 'before' | 'after') {
      const real = client();
      const send = real.send.bind(real) as (command: unknown) => Promise<unknown>;
      const sent: TransactWriteItemsCommand[] = [];
      vi.spyOn(real, 'send').mockImplementation((async (command: unknown) => {
        if (!(command instanceof TransactWriteItemsCommand)) return send(command);
        sent.push(command);
        if (sent.length > 1) return send(command);
        if (lost === 'after') await send(command);
        throw new Error('socket hang up');
      }) as unknown as DynamoDBClient['send']);
      return { client: real, sent };
    }

    async function movementsOf(productId: string) {
      const { Items = [] } = await client().send(
        new QueryCommand({
          TableName: local.names.stockMovements,
          KeyConditionExpression: 'productId = :productId',
          ExpressionAttributeValues: marshall({ ':productId': productId }),
          ConsistentRead: true,
        }),
      );
      return Items;
    }

    it('honours the ClientRequestToken: a resend of a transaction that committed answers success and applies nothing again', async () => {
      vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      await local.putProducts(aProduct('t-1', { stock: 5 }));
      const placed = anOrderItem('t-order-1', { products: [{ ...order.products[0]!, productId: 't-1', quantity: 2 }] });
      const { client: losing, sent } = losingFirstTransaction('after');
      // Without the token the resend would be cancelled by the order's own condition ("exists").
      expect(await writeOrder(losing, names(), placed, 'createOrder')).toEqual({ kind: 'written' });
      expect(sent).toHaveLength(2);
      expect(sent[1]!.input.ClientRequestToken).toBe(sent[0]!.input.ClientRequestToken);
      expect(await local.stockOf('t-1')).toBe(3);
      expect(await movementsOf('t-1')).toHaveLength(1);
      expect(await local.getOrder('t-order-1')).toEqual(placed);
    });

    it('writes the order with the resend when the first send never reached DynamoDB', async () => {
      vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      await local.putProducts(aProduct('t-2', { stock: 5 }));
      const placed = anOrderItem('t-order-2', { products: [{ ...order.products[0]!, productId: 't-2', quantity: 1 }] });
      const { client: losing, sent } = losingFirstTransaction('before');
      expect(await writeOrder(losing, names(), placed, 'createOrder')).toEqual({ kind: 'written' });
      expect(sent).toHaveLength(2);
      expect(await local.stockOf('t-2')).toBe(4);
    });

    it('is refused the same token with other items (IdempotentParameterMismatchException), as AWS documents', async () => {
      await local.putProducts(aProduct('t-3', { stock: 5 }));
      const items = (quantity: number) =>
        new TransactWriteItemsCommand({
          ClientRequestToken: 't-3-token',
          TransactItems: [
            {
              Update: {
                TableName: local.names.products,
                Key: marshall({ productId: 't-3' }),
                UpdateExpression: 'SET stock = stock - :q',
                ExpressionAttributeValues: marshall({ ':q': quantity }),
              },
            },
          ],
        });
      await client().send(items(1));
      await client().send(items(1));
      await expect(client().send(items(2))).rejects.toBeInstanceOf(IdempotentParameterMismatchException);
      expect(await local.stockOf('t-3')).toBe(4);
    });

    it('writes an order once when two attempts of the same request write it at once', async () => {
      await local.putProducts(aProduct('d-1', { stock: 5 }));
      const placed = anOrderItem('d-order-1', { products: [{ ...order.products[0]!, productId: 'd-1', quantity: 1 }] });
      const outcomes = await Promise.all([1, 2, 3].map(() => writeOrder(client(), names(), placed, 'createOrder')));
      // Attempts built in the same millisecond are one transaction (one token): each answers written.
      expect(outcomes.map((outcome) => outcome.kind)).toContain('written');
      for (const outcome of outcomes) expect(['written', 'exists']).toContain(outcome.kind);
      expect(await local.stockOf('d-1')).toBe(4);
      expect(await movementsOf('d-1')).toHaveLength(1);
    });

    it('for placeOrder takes the ordered lines out of the cart and its header, leaving the others', async () => {
      await local.putProducts(aProduct('c-1', { stock: 5 }));
      await local.fillCart('shopper-c', { 'c-1': 1, 'c-other': 2 });
      const fromCart = anOrderItem('c-order-1', {
        userId: 'shopper-c',
        products: [{ ...order.products[0]!, productId: 'c-1', quantity: 1 }],
      });
      await writeOrder(client(), names(), fromCart, 'placeOrder');
      expect(await local.cartRows('shopper-c')).toEqual([
        { userId: 'shopper-c', productId: '#cart', productIds: new Set(['c-other']), modifiedDate: fromCart.createdDate },
        expect.objectContaining({ productId: 'c-other', quantity: 2 }),
      ]);
    });
  });
});
