// One Idempotency-Key per basket, kept in storage until that basket's order is final. The gateway
// derives the order number from the user and this key, so a checkout retried after a timeout, a
// crash or an app restart maps to the same order instead of creating (and charging) a second one.
import type { WxPort } from '../wx-port';
import { Basket, basketIdentity } from './basket';

const STORAGE_KEY = 'merchantpay.checkouts';

interface PendingCheckout {
  idempotencyKey: string;
  orderNo?: string;
}

type PendingCheckouts = Record<string, PendingCheckout>;

export class CheckoutKeys {
  constructor(private readonly wx: WxPort, private readonly newKey: () => string = randomKey) {}

  /** The basket's key: the one already issued while its order is not final, else a new one. */
  keyFor(basket: Basket): string {
    const pending = this.read();
    const identity = basketIdentity(basket);
    const existing = pending[identity];
    if (existing) {
      return existing.idempotencyKey;
    }
    const idempotencyKey = this.newKey();
    pending[identity] = { idempotencyKey };
    this.write(pending);
    return idempotencyKey;
  }

  /** Notes the order number the gateway gave this basket's checkout. */
  remember(basket: Basket, orderNo: string): void {
    const pending = this.read();
    const entry = pending[basketIdentity(basket)];
    if (entry) {
      entry.orderNo = orderNo;
      this.write(pending);
    }
  }

  /** The order is final: its basket may be bought again, as a new order. */
  settle(orderNo: string): void {
    const pending = this.read();
    Object.keys(pending).filter(identity => pending[identity].orderNo === orderNo)
      .forEach(identity => delete pending[identity]);
    this.write(pending);
  }

  /** Drops the basket's key (the gateway refused it, e.g. IDEMPOTENCY_KEY_REUSED). */
  forget(basket: Basket): void {
    const pending = this.read();
    delete pending[basketIdentity(basket)];
    this.write(pending);
  }

  private read(): PendingCheckouts {
    const stored = this.wx.getStorageSync(STORAGE_KEY);
    return stored && typeof stored === 'object' ? { ...(stored as PendingCheckouts) } : {};
  }

  private write(pending: PendingCheckouts): void {
    this.wx.setStorageSync(STORAGE_KEY, pending);
  }
}

/** 8-64 of [A-Za-z0-9_-], as the gateway requires: time plus randomness, unique per basket and device. */
export function randomKey(): string {
  let random = '';
  while (random.length < 16) {
    random += Math.floor(Math.random() * 36 ** 4).toString(36);
  }
  return `mp-${Date.now().toString(36)}-${random.slice(0, 16)}`;
}
