import { describe, expect, it } from 'vitest';
import { productCreated, productDeleted, productModified } from '../../../../backend-services/products/events.ts';
import { aProduct } from '../../../support/backend-services/products.ts';

const product = aProduct('p-1');
const at = new Date('2026-02-03T04:05:06Z');

describe('product events', () => {
  it('makes ProductCreated carry the new product', () => {
    expect(productCreated(product, at)).toEqual({
      source: 'ecommerce.products',
      detailType: 'ProductCreated',
      detail: { new: product },
      time: at,
    });
  });

  it('makes ProductModified carry old, new and the changed fields', () => {
    const cheaper = { ...product, price: 100, modifiedDate: '2026-02-03T04:05:06.000Z' };
    expect(productModified(product, cheaper)).toEqual({
      source: 'ecommerce.products',
      detailType: 'ProductModified',
      detail: { old: product, new: cheaper, changed: ['modifiedDate', 'price'] },
    });
  });

  it('makes no ProductModified when nothing changed', () => {
    expect(productModified(product, { ...product })).toBeUndefined();
  });

  it('makes ProductDeleted carry the old product', () => {
    expect(productDeleted(product)).toEqual({
      source: 'ecommerce.products',
      detailType: 'ProductDeleted',
      detail: { old: product },
    });
  });
});
