import {
  BatchGetItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  TransactionCanceledException,
  type TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServiceUnavailableError } from '../../../../../backend-services/orders/errors.ts';
import { TRANSACTION_ATTEMPTS, writeOrder } from '../../../../../backend-services/orders/store/writeOrder.ts';
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

    it('throws an error that leaves the outcome unknown as it is, and logs it', async () => {
      const log = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const noAnswer = new Error('socket hang up');
      const { client } = fakeClient(noAnswer);
      await expect(writeOrder(client, tables, order, 'createOrder')).rejects.toBe(noAnswer);
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/unknown/), { orderId: 'order-1', attempt: 1, error: noAnswer });
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
