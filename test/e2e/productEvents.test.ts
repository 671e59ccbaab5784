import { describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';

const { local } = localStack();

interface BusEvent {
  source: string;
  'detail-type': string;
  detail: { new?: Record<string, unknown>; old?: Record<string, unknown>; changed?: string[] };
}

async function productEvents(productId: string): Promise<BusEvent[]> {
  const events = (await (await fetch(`${local.eventBusEndpoint}/events`)).json()) as BusEvent[];
  return events.filter(
    (e) => e.source === 'ecommerce.products' && (e.detail.new?.productId === productId || e.detail.old?.productId === productId),
  );
}

const PUT = `mutation Put($input: ProductInput!) { putProduct(input: $input) { productId name price } }`;

describe('catalog events', () => {
  it('publishes ProductCreated, ProductModified (with what changed) and ProductDeleted from the table stream', async () => {
    const admin = { authorization: await idTokenOf(local, 'admin') };
    const productId = `events-${Date.now()}`;
    const input = {
      productId,
      name: 'Lamp',
      category: 'home',
      price: 4900,
      stock: 3,
      package: { width: 200, length: 200, height: 400, weight: 1500 },
    };

    expect((await postGraphQL(local.graphqlUrl, PUT, { variables: { input }, headers: admin })).body.errors).toBeUndefined();
    expect(
      (await postGraphQL(local.graphqlUrl, PUT, { variables: { input: { ...input, price: 5900 } }, headers: admin })).body.errors,
    ).toBeUndefined();
    const deleted = await postGraphQL(local.graphqlUrl, `mutation { deleteProduct(productId: "${productId}") { productId } }`, {
      headers: admin,
    });
    expect(deleted.body).toEqual({ data: { deleteProduct: { productId } } });

    await expect
      .poll(async () => (await productEvents(productId)).map((e) => e['detail-type']), { timeout: 15_000, interval: 100 })
      .toEqual(['ProductCreated', 'ProductModified', 'ProductDeleted']);
    const events = await productEvents(productId);
    expect(events[0]!.detail.new).toEqual(expect.objectContaining({ productId, name: 'Lamp', price: 4900 }));
    expect(events[1]!.detail).toEqual(
      expect.objectContaining({
        old: expect.objectContaining({ price: 4900 }),
        new: expect.objectContaining({ price: 5900 }),
        changed: expect.arrayContaining(['price']),
      }),
    );
    expect(events[2]!.detail.old).toEqual(expect.objectContaining({ productId, price: 5900 }));
  });

  it('publishes nothing for a customer’s refused putProduct', async () => {
    const customer = { authorization: await idTokenOf(local, 'customer') };
    const productId = `refused-${Date.now()}`;
    const response = await postGraphQL(local.graphqlUrl, PUT, {
      variables: {
        input: {
          productId,
          name: 'x',
          category: 'y',
          price: 1,
          stock: 1,
          package: { width: 1, length: 1, height: 1, weight: 1 },
        },
      },
      headers: customer,
    });
    expect(response.body.errors).toEqual([expect.objectContaining({ errorType: 'Unauthorized' })]);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await productEvents(productId)).toEqual([]);
  });
});
