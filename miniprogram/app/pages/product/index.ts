// The product page: pick quantities, then check out. The basket goes to the checkout page in the URL.
import { basketToQuery } from '../../shop/basket';
import { PRODUCTS } from '../../shop/catalog';
import { shop } from '../../shop/shop';

interface ProductLine {
  id: string;
  title: string;
  price: string;
  quantity: number;
}

function withQuantity(lines: ProductLine[], id: string, change: number): ProductLine[] {
  return lines.map(line => (line.id === id ? { ...line, quantity: Math.max(0, Math.min(99, line.quantity + change)) } : line));
}

Component({
  data: {
    products: PRODUCTS.map(product => ({ ...product, quantity: 0 })) as ProductLine[],
    empty: true,
  },
  methods: {
    onMore(event: WechatMiniprogram.BaseEvent): void {
      this.change(String(event.currentTarget.dataset.id), 1);
    },
    onLess(event: WechatMiniprogram.BaseEvent): void {
      this.change(String(event.currentTarget.dataset.id), -1);
    },
    change(id: string, by: number): void {
      const products = withQuantity(this.data.products, id, by);
      this.setData({ products, empty: products.every(line => line.quantity === 0) });
    },
    onCheckout(): void {
      const basket = this.data.products.filter(line => line.quantity > 0)
        .map(line => ({ productId: line.id, quantity: line.quantity }));
      if (basket.length) {
        shop().wx.navigateTo({ url: `/pages/checkout/index?basket=${encodeURIComponent(basketToQuery(basket))}` });
      }
    },
  },
});
