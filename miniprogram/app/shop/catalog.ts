// What the product page offers: the product ids order-service's catalog sells. The prices here are
// for display only; order-service prices every basket from its own catalog and the amount the
// shopper pays is the one WeChat's pay sheet shows.
export interface Product {
  id: string;
  title: string;
  price: string;
}

export const PRODUCTS: readonly Product[] = [
  { id: 'green-tea', title: 'Green tea', price: 'HK$28.00' },
  { id: 'milk-tea', title: 'Milk tea', price: 'HK$32.00' },
  { id: 'egg-tart', title: 'Egg tart', price: 'HK$12.00' },
  { id: 'gift-card', title: 'Gift card', price: 'HK$1,000.00' },
  { id: 'mooncake-box-cny', title: 'Mooncake box', price: '¥298.00' },
];

export function productTitle(id: string): string {
  const product = PRODUCTS.find(candidate => candidate.id === id);
  return product ? product.title : id;
}
