// Who may read and call what in the store's schema, as its AppSync auth directives say: the
// schema held against docs/API.md's "Who may call what", through the runtime's field authorizer.
import { readFileSync } from 'node:fs';
import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  type AuthConfig,
  type AuthenticatedRequest,
  type AuthProviderConfig,
  createFieldAuthorizer,
} from 'appsync-local/appsync/auth/index.ts';
import { buildAppSyncSchema } from 'appsync-local/appsync/execution/schema.ts';
import type { IamPrincipal } from 'appsync-local/iam/sigv4.ts';
import { SCHEMA_FILE } from '../../../system/artifacts.ts';
import { apiKeyCaller, iamCaller, userPoolCaller } from 'appsync-local/testing/callers.ts';

const REGION = 'eu-west-1';
const ISSUER = `https://cognito-idp.${REGION}.amazonaws.com/${REGION}_Shop123`;
const schema = buildAppSyncSchema(readFileSync(SCHEMA_FILE, 'utf8'));
const principals = (_accessKeyId: string): IamPrincipal | undefined => undefined;

const cognito: AuthProviderConfig = {
  type: 'AMAZON_COGNITO_USER_POOLS',
  userPoolId: `${REGION}_Shop123`,
  region: REGION,
  issuer: ISSUER,
  jwks: { keys: [] },
};
const apiKey: AuthProviderConfig = { type: 'API_KEY', apiKeys: [] };
const iam: AuthProviderConfig = { type: 'AWS_IAM', region: REGION, principals };
const auth: AuthConfig = { defaultAuthentication: cognito, additionalAuthentications: [apiKey, iam] };

const API_KEY = apiKeyCaller;
const IAM = iamCaller();
const user = (groups: string[] | null) => userPoolCaller(groups, ISSUER);

const authorize = createFieldAuthorizer(schema, auth);
const can = (typeName: string, fieldName: string, request: AuthenticatedRequest): boolean =>
  authorize(schema.getType(typeName) as GraphQLObjectType, fieldName, request);

describe("the store schema's field authorization", () => {
  it('opens the catalog to guests with an API key and to signed-in users', () => {
    expect(can('Query', 'getProducts', API_KEY)).toBe(true);
    expect(can('Query', 'getProducts', user(null))).toBe(true);
    expect(can('Product', 'price', API_KEY)).toBe(true);
    expect(can('Package', 'weight', API_KEY)).toBe(true);
    expect(can('Query', 'getProducts', IAM)).toBe(false);
  });

  it('keeps carts and orders to Cognito users', () => {
    expect(can('Query', 'getCart', user(null))).toBe(true);
    expect(can('Query', 'getCart', API_KEY)).toBe(false);
    expect(can('Order', 'total', user(['customer']))).toBe(true);
    expect(can('Order', 'total', API_KEY)).toBe(false);
    expect(can('Mutation', 'placeOrder', IAM)).toBe(false);
  });

  it('restricts back-office operations and types to their groups', () => {
    expect(can('Query', 'getNewPackagingRequests', user(['warehouse']))).toBe(true);
    expect(can('Query', 'getNewPackagingRequests', user(['delivery']))).toBe(false);
    expect(can('PackagingRequest', 'products', user(['admin']))).toBe(true);
    expect(can('Delivery', 'address', user(['delivery']))).toBe(true);
    expect(can('Delivery', 'address', user(['warehouse']))).toBe(false);
    expect(can('Mutation', 'putProduct', user(['warehouse']))).toBe(false);
    expect(can('Mutation', 'putProduct', user(['admin']))).toBe(true);
  });

  it('lets only admin refund an order', () => {
    expect(can('Mutation', 'refundOrder', user(['admin']))).toBe(true);
    expect(can('Mutation', 'refundOrder', user(null))).toBe(false);
    expect(can('Mutation', 'refundOrder', user(['warehouse']))).toBe(false);
    expect(can('Mutation', 'refundOrder', user(['delivery']))).toBe(false);
    expect(can('Mutation', 'refundOrder', IAM)).toBe(false);
    expect(can('Mutation', 'refundOrder', API_KEY)).toBe(false);
    expect(can('Payment', 'refundedAmount', user(['admin']))).toBe(true);
  });

  it('lets only IAM publish order status, and both IAM and Cognito read the update', () => {
    expect(can('Mutation', 'publishOrderStatus', IAM)).toBe(true);
    expect(can('Mutation', 'publishOrderStatus', user(['admin']))).toBe(false);
    expect(can('OrderStatusUpdate', 'status', IAM)).toBe(true);
    expect(can('OrderStatusUpdate', 'status', user(null))).toBe(true);
    expect(can('OrderStatusUpdate', 'status', API_KEY)).toBe(false);
    expect(can('Subscription', 'onOrderStatusChanged', user(null))).toBe(true);
  });

  it('lets only IAM publish inventory alerts and stock, as it publishes order status', () => {
    for (const field of ['publishInventoryAlert', 'publishProductStock']) {
      expect(can('Mutation', field, IAM)).toBe(true);
      expect(can('Mutation', field, user(['admin']))).toBe(false);
      expect(can('Mutation', field, API_KEY)).toBe(false);
    }
  });

  it('lets admin and warehouse subscribe to inventory alerts, and no customer, delivery user or guest', () => {
    expect(can('Subscription', 'onInventoryAlert', user(['admin']))).toBe(true);
    expect(can('Subscription', 'onInventoryAlert', user(['warehouse']))).toBe(true);
    expect(can('Subscription', 'onInventoryAlert', user(null))).toBe(false);
    expect(can('Subscription', 'onInventoryAlert', user(['delivery']))).toBe(false);
    expect(can('Subscription', 'onInventoryAlert', API_KEY)).toBe(false);
    expect(can('InventoryAlert', 'stock', user(['warehouse']))).toBe(true);
    expect(can('InventoryAlert', 'stock', user(null))).toBe(false);
  });

  it("lets guests and any signed-in user watch a product's stock", () => {
    expect(can('Subscription', 'onProductStockChanged', API_KEY)).toBe(true);
    expect(can('Subscription', 'onProductStockChanged', user(null))).toBe(true);
    expect(can('ProductStock', 'available', API_KEY)).toBe(true);
    expect(can('ProductStock', 'available', IAM)).toBe(true);
  });
});
