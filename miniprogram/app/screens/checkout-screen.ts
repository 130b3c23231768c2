// The checkout/pay page: places the order for the basket, waits (long-poll) when the gateway says
// 202, opens WeChat's pay sheet with the values it got, and hands over to the order page whatever
// the sheet says. A failed attempt keeps the basket's Idempotency-Key, so "Try again" is the same order.
import type { OrderState, OrderStatus, PayParameters } from '../api/gateway-types';
import { productTitle } from '../shop/catalog';
import type { Basket } from '../shop/basket';
import type { CheckoutOutcome } from '../shop/checkout';
import { openPaySheet, PaySheetResult } from '../shop/pay-sheet';
import type { Shop } from '../shop/shop';
import { messageForProblem, messageForRejection } from '../api/shopper-messages';
import { Screen } from './screen';

export type CheckoutPhase = 'ready' | 'creating' | 'paying' | 'rejected' | 'trouble' | 'done';

export interface CheckoutView {
  lines: Array<{ productId: string; title: string; quantity: number }>;
  phase: CheckoutPhase;
  headline: string;
  message: string;
  /** A request or the pay sheet is open: the button is disabled. */
  busy: boolean;
  canPay: boolean;
  payLabel: string;
  orderNo: string;
}

export const ORDER_PAGE = '/pages/order/index';

export class CheckoutScreen extends Screen<CheckoutView> {
  constructor(private readonly shop: Shop, private readonly basket: Basket) {
    super({
      lines: basket.map(line => ({ productId: line.productId, title: productTitle(line.productId), quantity: line.quantity })),
      phase: 'ready',
      headline: 'Your order',
      message: basket.length ? '' : 'Your basket is empty.',
      busy: false,
      canPay: basket.length > 0,
      payLabel: 'Pay with WeChat Pay',
      orderNo: '',
    });
  }

  async pay(): Promise<void> {
    if (this.view.busy || !this.view.canPay) return;
    this.update({ phase: 'creating', busy: true, headline: 'Placing your order…', message: '' });
    try {
      await this.proceed(await this.shop.checkout.place(this.basket));
    } catch (e) {
      // Never leave the button disabled for good: the basket's key is kept, so trying again is safe.
      this.update({ phase: 'trouble', busy: false, canPay: true, payLabel: 'Try again', message: messageForProblem({}) });
    }
  }

  private async proceed(outcome: CheckoutOutcome): Promise<void> {
    switch (outcome.kind) {
      case 'created':
        this.update({ orderNo: outcome.orderNo });
        if (outcome.state === 'AWAITING_PAYMENT') {
          return this.openSheet(outcome.orderNo, outcome.payment);
        }
        return this.toOrderPage(outcome.orderNo, undefined); // a retry found it further on: show it there
      case 'creating':
        this.update({ orderNo: outcome.orderNo, headline: 'Creating your order…', message: 'This takes a few seconds.' });
        return this.awaitPayValues(outcome.orderNo);
      case 'rejected':
        return this.update({
          phase: 'rejected', busy: false, canPay: false, headline: 'Order not accepted', message: outcome.message,
        });
      case 'problem':
      case 'no-answer':
        return this.update({
          phase: 'trouble', busy: false, canPay: true, payLabel: 'Try again', headline: 'Your order', message: outcome.message,
        });
    }
  }

  /** 202: the pay values arrive with the order's AWAITING_PAYMENT, by long-poll. */
  private awaitPayValues(orderNo: string): Promise<void> {
    return new Promise(resolve => {
      const following = this.shop.watch.follow(orderNo, 'CREATING', {
        onStatus: (status: OrderStatus) => {
          following.stop();
          resolve(this.afterCreating(orderNo, status));
        },
        onTrouble: (message, retrying) => {
          if (retrying) {
            this.update({ message });
            return;
          }
          this.update({ phase: 'trouble', busy: false, canPay: true, payLabel: 'Try again', message });
          resolve();
        },
      });
    });
  }

  private afterCreating(orderNo: string, status: OrderStatus): Promise<void> {
    const state = status.state as OrderState;
    if (state === 'AWAITING_PAYMENT') {
      return this.openSheet(orderNo, status.payment);
    }
    if (state === 'REJECTED') {
      this.shop.keys.settle(orderNo);
      this.update({
        phase: 'rejected', busy: false, canPay: false, headline: 'Order not accepted',
        message: messageForRejection(status.rejection),
      });
      return Promise.resolve();
    }
    return this.toOrderPage(orderNo, undefined);
  }

  private async openSheet(orderNo: string, payment: PayParameters | undefined): Promise<void> {
    this.update({ phase: 'paying', headline: 'Waiting for WeChat Pay…', message: '' });
    const result = await openPaySheet(this.shop.wx, payment);
    return this.toOrderPage(orderNo, result);
  }

  /** Whatever the pay sheet said, the order page asks the backend. */
  private toOrderPage(orderNo: string, paySheet: PaySheetResult | undefined): Promise<void> {
    this.update({ phase: 'done', busy: false, canPay: false });
    const query = `orderNo=${encodeURIComponent(orderNo)}${paySheet ? `&paySheet=${paySheet}` : ''}`;
    this.shop.wx.redirectTo({ url: `${ORDER_PAGE}?${query}` });
    return Promise.resolve();
  }
}
