// Lambda-shaped DynamoDB stream records of the orders table (key orderId), built from plain items.
import type { OrderItem } from '../../../domain/order.ts';
import { streamRecordsOf } from './streamRecords.ts';

export const {
  inserted: orderInserted,
  modified: orderModified,
  removed: orderRemoved,
} = streamRecordsOf<OrderItem>('orders', 'orderId');
