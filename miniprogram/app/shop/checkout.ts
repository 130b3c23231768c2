// Placing the order for a basket: POST /api/v1/orders with the basket's Idempotency-Key, and the
// gateway's answer turned into what the checkout page does next.
import { Gateway } from '../api/gateway';
import type { OrderState, PayParameters } from '../api/gateway-types';
import { isFinal } from '../api/gateway-types';
import { NoAnswer } from '../api/http';
import { messageForProblem, messageForRejection, NO_ANSWER_MESSAGE, rejectionOf } from '../api/shopper-messages';
import type { Basket } from './basket';
import { CheckoutKeys } from './checkout-keys';
import { LoginFailed, Session } from './session';

export type CheckoutOutcome =
  /** 201: the order exists; normally AWAITING_PAYMENT with its pay values (a retry may find it further on). */
  | { kind: 'created'; orderNo: string; state: OrderState; payment?: PayParameters }
  /** 202: still being created; the pay values come through the status long-poll. */
  | { kind: 'creating'; orderNo: string }
  /** 422: the order will never be payable; the message says why. */
  | { kind: 'rejected'; orderNo?: string; message: string }
  /** Anything else the gateway answered; trying again uses the same key, so the same order. */
  | { kind: 'problem'; code?: string; message: string }
  /** No answer (timeout, no network): the order may or may not exist; trying again finds out. */
  | { kind: 'no-answer'; timedOut: boolean; message: string };

export class Checkout {
  constructor(private readonly session: Session, private readonly gateway: Gateway, private readonly keys: CheckoutKeys) {}

  async place(basket: Basket): Promise<CheckoutOutcome> {
    const idempotencyKey = this.keys.keyFor(basket);
    try {
      const answer = await this.session.authorized(token => this.gateway.checkOut(token, idempotencyKey, basket));
      if (answer.ok) {
        const orderNo = answer.value.orderNo as string;
        this.keys.remember(basket, orderNo);
        if (answer.status === 202) {
          return { kind: 'creating', orderNo };
        }
        const state = answer.value.state as OrderState;
        if (isFinal(state)) {
          this.keys.settle(orderNo);
        }
        return { kind: 'created', orderNo, state, payment: answer.value.payment };
      }
      if (answer.problem.code === 'ORDER_REJECTED') {
        this.keys.forget(basket); // final: the same basket again is a new order (and is refused again)
        const orderNo = (answer.problem as { orderNo?: string }).orderNo;
        return { kind: 'rejected', orderNo, message: messageForRejection(rejectionOf(answer.problem)) };
      }
      if (answer.problem.code === 'IDEMPOTENCY_KEY_REUSED') {
        this.keys.forget(basket);
      }
      return { kind: 'problem', code: answer.problem.code, message: messageForProblem(answer.problem) };
    } catch (e) {
      return failureOutcome(e);
    }
  }
}

/** What a thrown failure means to the shopper: no answer, or a login that did not work. */
export function failureOutcome(e: unknown): CheckoutOutcome & { kind: 'problem' | 'no-answer' } {
  if (e instanceof NoAnswer) {
    return { kind: 'no-answer', timedOut: e.timedOut, message: NO_ANSWER_MESSAGE };
  }
  if (e instanceof LoginFailed && e.answer && !e.answer.ok) {
    return { kind: 'problem', code: e.answer.problem.code, message: messageForProblem(e.answer.problem) };
  }
  if (e instanceof LoginFailed) {
    return { kind: 'problem', message: 'We could not sign you in with WeChat. Please try again.' };
  }
  throw e;
}
