// What the order page says in each state. "Paid" appears only for the backend's PAID, and a refund
// only once the backend reports it succeeded (REFUNDED, PARTIALLY_REFUNDED).
import type { OrderState, OrderStatus } from '../api/gateway-types';
import { messageForRejection } from '../api/shopper-messages';
import type { PaySheetResult } from '../shop/pay-sheet';
import { formatMinor } from './money-words';

export interface OrderWords {
  headline: string;
  message: string;
}

export function wordsFor(status: OrderStatus, lastPaySheet: PaySheetResult | undefined): OrderWords {
  const state = status.state as OrderState;
  switch (state) {
    case 'CREATING':
      return { headline: 'Creating your order…', message: 'This takes a few seconds.' };
    case 'AWAITING_PAYMENT':
      return { headline: 'Waiting for your payment', message: awaitingMessage(lastPaySheet) };
    case 'PAID':
      return { headline: 'Paid', message: 'Thank you! Your payment has been received.' };
    case 'FAILED':
      return { headline: 'Payment failed', message: 'The payment did not go through and nothing was charged. Please place a new order.' };
    case 'CLOSED':
      return status.refundPending
        ? { headline: 'Order closed', message: 'Your payment arrived after the order closed. The money is on its way back to you.' }
        : { headline: 'Order closed', message: 'The order expired before it was paid. Nothing was charged.' };
    case 'REJECTED':
      return { headline: 'Order not accepted', message: messageForRejection(status.rejection) };
    case 'PARTIALLY_REFUNDED':
      return { headline: 'Partly refunded', message: `${refunded(status)} of your ${paid(status)} payment is back with you.` };
    case 'REFUNDED':
      return { headline: 'Refunded', message: `Your payment of ${paid(status)} is back with you in full.` };
  }
}

function paid(status: OrderStatus): string {
  return status.currency ? formatMinor(status.paidMinor ?? 0, status.currency) : 'your';
}

function refunded(status: OrderStatus): string {
  return status.currency ? formatMinor(status.refundedMinor ?? 0, status.currency) : 'Part';
}

function awaitingMessage(lastPaySheet: PaySheetResult | undefined): string {
  switch (lastPaySheet) {
    case 'ok':
      return 'Confirming your payment with the shop…';
    case 'cancel':
      return 'You closed the payment. The order stays open for a while: tap Pay to finish it.';
    case 'fail':
      return 'The payment did not go through. Tap Pay to try again.';
    default:
      return 'Tap Pay to pay with WeChat Pay.';
  }
}
