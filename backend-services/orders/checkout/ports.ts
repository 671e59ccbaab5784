// The real world of checkout: the other services through their clients, the tables through the
// store. The domain sees only CheckoutPorts.
import { fetchCatalogProducts, ProductsUnavailableError } from '../../shared/clients/productsApi.ts';
import { quoteDelivery } from '../clients/deliveryPricingApi.ts';
import { authorizePayment, voidPayment } from '../clients/paymentApi.ts';
import { config } from '../config.ts';
import type { CheckoutPorts } from '../domain/checkoutPorts.ts';
import { newOrderId } from '../domain/orderId.ts';
import { ServiceUnavailableError } from '../errors.ts';
import { readCartLines } from '../store/cartsTable.ts';
import { checkoutTables, dynamodb } from '../store/dynamodb.ts';
import { getOrder } from '../store/ordersTable.ts';
import { writeOrder } from '../store/writeOrder.ts';

const productsApi = { baseUrl: config.productsApiUrl, region: config.region };

export const ports: CheckoutPorts = {
  readCartLines: (userId) => readCartLines(dynamodb, config.cartsTable, userId),
  fetchProducts: (productIds) => fetchCatalogProducts(productsApi, productIds).catch(catalogUnavailable),
  quoteDelivery,
  authorizePayment,
  voidPayment,
  findOrder: (orderId) => getOrder(dynamodb, config.ordersTable, orderId),
  writeOrder: (order, operation) => writeOrder(dynamodb, checkoutTables, order, operation),
  now: () => new Date(),
  newOrderId,
};

function catalogUnavailable(error: unknown): never {
  if (!(error instanceof ProductsUnavailableError)) throw error;
  console.error(`orders: products service unavailable: ${error.message}`);
  throw new ServiceUnavailableError('The products could not be read: the products service did not answer. Nothing was ordered or charged; try again shortly.');
}
