import { describe, expect, it } from 'vitest';
import { evaluate, orderLoads, partitionBound, sharedPartitions } from '../../../scripts/scale/model.ts';
import { orderDemand } from '../../../scripts/scale/orderDemand.ts';

describe('the scale model', () => {
  const demand = orderDemand({ lines: 1 });
  const shared = sharedPartitions(demand.accesses);

  it("bounds a flash sale by the stock item's partition: 1,000 WCU over 2 WCU a transaction is 500 a second", () => {
    const stockItem = shared.find((partition) => partition.where === 'products' && partition.scope === 'product');
    expect(stockItem).toMatchObject({ key: 'productId = demo-books-01', wcu: 2, rcu: 4 });
    expect(partitionBound(0, stockItem!.wcu)).toBe(500);
    // With each checkout's four strong reads of it (the quote is given the catalog's read): 1 / (4/3,000 + 2/1,000).
    expect(partitionBound(stockItem!.rcu, stockItem!.wcu)).toBeCloseTo(300, 1);
  });

  it("counts every transaction sent against the stock item's partition, cancelled ones too", () => {
    const sale = evaluate({
      title: 'a flash sale',
      rate: 100,
      unit: 'checkouts/s',
      loads: orderLoads(demand, {
        audience: { customerListening: 1, staffSubscribers: 0, productWatchers: 0 },
        products: 1,
        categories: 6,
        entriesPerPutEvents: 10,
        tokensPerRequest: 1,
        perCheckout: { attempts: 5, placed: 0.2 },
      }),
    });
    // 100 × (4 RCU / 3,000 + 5 attempts × 2 WCU / 1,000) = 1.13 partitions: past it from 88.2 checkouts a second.
    const stockItem = sale.rows.find((row) => row.resource === 'DynamoDB: products, productId = demo-books-01');
    expect(stockItem?.share).toBeCloseTo(1.133, 3);
    expect(stockItem?.reachedAt).toBeCloseTo(88.2, 1);
    expect(sale.first?.resource).toBe('DynamoDB: products, productId = demo-books-01');
  });

  it('finds the partitions every order shares: the NEW queue of orders.byStatus', () => {
    expect(shared.filter((partition) => partition.scope === 'shop').map((p) => `${p.where}: ${p.key}`)).toEqual([
      'orders.byStatus: status = NEW',
    ]);
  });
});
