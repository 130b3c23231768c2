// The order page: follows the order by long-poll from the moment it opens until it is final, and
// offers WeChat Pay again while the order awaits payment (after a cancelled sheet, say).
import type { OrderState, OrderStatus } from '../api/gateway-types';
import { isFinal } from '../api/gateway-types';
import type { Following } from '../shop/order-watch';
import { openPaySheet, PaySheetResult } from '../shop/pay-sheet';
import type { Shop } from '../shop/shop';
import { wordsFor } from './order-words';
import { Screen } from './screen';

export interface OrderView {
  orderNo: string;
  /** The backend's state; LOADING until its first answer. */
  state: OrderState | 'LOADING';
  headline: string;
  message: string;
  /** A problem reaching the gateway, shown beside the last known state. */
  trouble: string;
  canPay: boolean;
  busy: boolean;
  paid: boolean;
  final: boolean;
}

export class OrderScreen extends Screen<OrderView> {
  private status: OrderStatus | undefined;
  private following: Following | undefined;

  constructor(private readonly shop: Shop, orderNo: string, private lastPaySheet?: PaySheetResult) {
    super({
      orderNo, state: 'LOADING', headline: 'Loading your order…', message: '', trouble: '',
      canPay: false, busy: false, paid: false, final: false,
    });
  }

  start(): void {
    this.following = this.shop.watch.follow(this.view.orderNo, undefined, {
      onStatus: status => this.show(status),
      onTrouble: message => this.update({ trouble: message }),
    });
  }

  stop(): void {
    if (this.following) this.following.stop();
  }

  /** Opens WeChat's pay sheet again; the long-poll already running reports what came of it. */
  async pay(): Promise<void> {
    if (!this.view.canPay || this.view.busy || !this.status) return;
    this.update({ busy: true });
    this.lastPaySheet = await openPaySheet(this.shop.wx, this.status.payment);
    this.update({ busy: false });
    if (this.status) this.show(this.status);
  }

  private show(status: OrderStatus): void {
    this.status = status;
    const state = status.state as OrderState;
    const final = isFinal(state);
    if (final) {
      this.shop.keys.settle(this.view.orderNo); // the basket may now be bought again, as a new order
    }
    const words = wordsFor(status, this.lastPaySheet);
    this.update({
      state,
      headline: words.headline,
      message: words.message,
      trouble: '',
      canPay: state === 'AWAITING_PAYMENT' && !!status.payment,
      paid: state === 'PAID',
      final,
    });
  }
}
