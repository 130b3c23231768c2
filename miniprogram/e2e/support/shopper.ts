// One shopper's phone: the Mini Program's own screens (the code behind its pages) on the wx shim.
// `restart()` is the app killed and reopened: memory gone, storage kept.
import { DEFAULT_CONFIG, ShopConfig } from '../../app/config';
import { basketFromQuery } from '../../app/shop/basket';
import type { PaySheetResult } from '../../app/shop/pay-sheet';
import { Shop } from '../../app/shop/shop';
import { CheckoutScreen, CheckoutView } from '../../app/screens/checkout-screen';
import { OrderScreen, OrderView } from '../../app/screens/order-screen';
import type { Screen } from '../../app/screens/screen';
import { Sandbox } from './sandbox';
import { StackEnv } from './stack-env';
import { WxShim } from './wx-shim';

export class Shopper {
  readonly wx: WxShim;
  shop: Shop;
  private readonly opened: OrderScreen[] = [];

  constructor(private readonly env: StackEnv, readonly sandbox: Sandbox, name: string, config: Partial<ShopConfig> = {}) {
    this.wx = new WxShim(sandbox, `e2e-${name}-${Date.now().toString(36)}`);
    this.shop = this.newShop(config);
  }

  restart(config: Partial<ShopConfig> = {}): void {
    this.shop = this.newShop(config);
  }

  checkoutScreen(basket: string): CheckoutScreen {
    return new CheckoutScreen(this.shop, basketFromQuery(basket));
  }

  /** Opens the order page the checkout page redirected to, as WeChat would with its URL. */
  openOrderPage(url: string): OrderScreen {
    const query = new URLSearchParams(url.split('?')[1]);
    const screen = new OrderScreen(this.shop, query.get('orderNo') || '', (query.get('paySheet') || undefined) as PaySheetResult);
    this.opened.push(screen);
    screen.start();
    return screen;
  }

  /** Leaves every open page (their long-polls stop asking). */
  close(): void {
    this.opened.forEach(screen => screen.stop());
  }

  private newShop(config: Partial<ShopConfig>): Shop {
    return new Shop(this.wx, { ...DEFAULT_CONFIG, gatewayUrl: this.env.gatewayUrl, ...config });
  }
}

/** Resolves with the first view that satisfies `wanted` (now or on a later change); fails at the deadline. */
export function viewUntil<V extends object>(screen: Screen<V>, wanted: (view: V) => boolean, what: string, ms: number): Promise<V> {
  return new Promise((resolve, reject) => {
    if (wanted(screen.view)) {
      resolve(screen.view);
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no ${what} within ${ms} ms; last view ${JSON.stringify(screen.view)}`));
    }, ms);
    const unsubscribe = screen.onChange(view => {
      if (wanted(view)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(view);
      }
    });
  });
}

/** Every view a screen shows from now on, to check what the shopper saw along the way. */
export function recordViews<V extends object>(screen: Screen<V>): V[] {
  const seen: V[] = [screen.view];
  screen.onChange(view => seen.push(view));
  return seen;
}

/** Polls `probe` until it returns a value; fails at the deadline. For state outside the app (the sandbox). */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, what: string, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

export type { CheckoutView, OrderView };
