// Everything a page needs, wired once per app: one slot pool for wx.request's 10-in-flight limit,
// one login shared by every call.
import { DEFAULT_CONFIG, ShopConfig } from '../config';
import { Gateway } from '../api/gateway';
import { Http } from '../api/http';
import { RequestSlots } from '../api/request-slots';
import type { WxPort } from '../wx-port';
import { Checkout } from './checkout';
import { CheckoutKeys, randomKey } from './checkout-keys';
import { OrderWatch } from './order-watch';
import { Session } from './session';

export class Shop {
  readonly gateway: Gateway;
  readonly session: Session;
  readonly keys: CheckoutKeys;
  readonly checkout: Checkout;
  readonly watch: OrderWatch;

  constructor(readonly wx: WxPort, readonly config: ShopConfig = DEFAULT_CONFIG, newKey: () => string = randomKey) {
    this.gateway = new Gateway(new Http(wx, new RequestSlots()), config);
    this.session = new Session(wx, this.gateway);
    this.keys = new CheckoutKeys(wx, newKey);
    this.checkout = new Checkout(this.session, this.gateway, this.keys);
    this.watch = new OrderWatch(this.session, this.gateway, config);
  }
}

let current: Shop | undefined;

/** The app's shop; app.ts installs it at launch (tests install their own). */
export function shop(): Shop {
  if (!current) {
    throw new Error('No shop installed: app.ts installs one in onLaunch');
  }
  return current;
}

export function installShop(next: Shop): void {
  current = next;
}
