// Before anything is measured: both servers must answer every demo product, and the same
// product (the catalog's own values), so that the two figures measure the same work.
import { isDeepStrictEqual } from 'node:util';
import type { Product } from '../generated/graphql.ts';
import { PRODUCT_QUERY } from './config.ts';

export interface Endpoint {
  readonly label: string;
  readonly url: string;
}

export async function verifySameProducts(
  endpoints: readonly Endpoint[],
  headers: Readonly<Record<string, string>>,
  catalog: readonly Pick<Product, 'productId' | 'name' | 'price' | 'stock' | 'package'>[],
): Promise<void> {
  const problems: string[] = [];
  for (const product of catalog.slice(0, 1000)) {
    const expected = {
      productId: product.productId,
      name: product.name,
      price: product.price,
      stock: product.stock,
      package: { ...product.package },
    };
    for (const endpoint of endpoints) {
      const answer = await fetchProduct(endpoint.url, headers, product.productId);
      if (!isDeepStrictEqual(answer, { data: { getProduct: expected } })) {
        problems.push(`${endpoint.label}, ${product.productId}: ${JSON.stringify(answer).slice(0, 300)}`);
      }
    }
    if (problems.length >= 3) break;
  }
  if (problems.length > 0) {
    throw new Error(`The servers do not answer the demo catalog's products as expected:\n  ${problems.join('\n  ')}`);
  }
}

async function fetchProduct(url: string, headers: Readonly<Record<string, string>>, id: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: PRODUCT_QUERY, variables: { id } }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status !== 200) return { status: response.status, body: text };
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { notJson: text };
  }
}
