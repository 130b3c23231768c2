// A basket: product ids and quantities, never prices (the gateway refuses any other field).
// It travels between pages in the URL as `green-tea*2,egg-tart*1`.
import type { BasketItem } from '../api/gateway-types';

export type Basket = BasketItem[];

export function basketToQuery(basket: Basket): string {
  return basket.map(line => `${line.productId}*${line.quantity}`).join(',');
}

export function basketFromQuery(query: string | undefined): Basket {
  if (!query) {
    return [];
  }
  return decodeURIComponent(query).split(',').filter(Boolean).map(part => {
    const [productId, quantity] = part.split('*');
    return { productId, quantity: Number(quantity) || 1 };
  });
}

/** The same basket, however its lines are ordered, gives the same identity. */
export function basketIdentity(basket: Basket): string {
  return basket.map(line => `${line.productId}*${line.quantity}`).sort().join(',');
}
