import { DecodedEvent, RecordRef, UnprocessableRecordError, describeRef } from './records';
import { SubscriberState } from './state';

/** The event types of payments.outcomes.v1 (README "Topics"); anything else on it stops the subscriber. */
export const OUTCOME_NAMESPACE = 'com.merchantpay.events.outcome';
export const PAYMENT_SUCCEEDED = `${OUTCOME_NAMESPACE}.PaymentSucceeded`;
export const PAYMENT_FAILED = `${OUTCOME_NAMESPACE}.PaymentFailed`;
export const ORDER_CLOSED = `${OUTCOME_NAMESPACE}.OrderClosed`;
export const REFUND_REQUIRED = `${OUTCOME_NAMESPACE}.RefundRequired`;
export const REFUND_NAMESPACE = 'com.merchantpay.events.refund';
export const REFUND_SUCCEEDED = `${REFUND_NAMESPACE}.RefundSucceeded`;
export const REFUND_FAILED = `${REFUND_NAMESPACE}.RefundFailed`;
export const HANDLED_TYPES: readonly string[] = [PAYMENT_SUCCEEDED, PAYMENT_FAILED, ORDER_CLOSED, REFUND_REQUIRED,
  REFUND_SUCCEEDED, REFUND_FAILED];

/**
 * Applies one decoded outcome to the state and returns the lines to print once the state that
 * holds it is on disk. Pure: no I/O, so the rules are tested without Kafka.
 *
 * - Dedupe on `eventId` first (deterministic per order and kind): a copy from a replay topic, a
 *   redelivery or a re-published outcome is counted and ignored.
 * - `PaymentSucceeded` ships the order once; a second success with another eventId for an order
 *   already shipped (the contract says it cannot happen) is reported and not shipped.
 * - `PaymentFailed`, `OrderClosed`: do not ship. `RefundRequired`: money came in for an order that
 *   had already ended; do not ship, the payment backend refunds it by itself (RefundSucceeded follows).
 * - `RefundSucceeded`: money went back (an automatic refund or an operator's); `RefundFailed`: it did
 *   not, the payments team follows up. Neither changes what was shipped.
 */
export function applyOutcome(state: SubscriberState, event: DecodedEvent, ref: RecordRef): string[] {
  if (!HANDLED_TYPES.includes(event.type)) {
    throw new UnprocessableRecordError(ref,
      `event type ${event.type} (schema id ${event.schemaId}) is not one this subscriber handles (${HANDLED_TYPES.map(simpleName).join(', ')})`);
  }
  const v = event.value;
  const eventId = requireString(v, 'eventId', event, ref);
  const orderNo = requireString(v, 'orderNo', event, ref);
  const at = describeRef(ref);
  const seen = state.events[eventId];
  if (seen) {
    state.duplicatesIgnored++;
    return [`DUPLICATE eventId=${q(eventId)} type=${simpleName(event.type)} order=${q(orderNo)} at=${at} first=${seen.firstAt}: ignored`];
  }
  state.events[eventId] = { type: simpleName(event.type), orderNo, firstAt: at };
  switch (event.type) {
    case PAYMENT_SUCCEEDED: {
      const amountMinor = requireSafeInteger(v, 'amountMinor', event, ref);
      const currency = requireString(v, 'currency', event, ref);
      const shipped = state.fulfilled[orderNo];
      if (shipped) {
        return [`SECOND-SUCCESS order=${q(orderNo)} eventId=${q(eventId)} at=${at}: already fulfilled by eventId=${q(shipped.eventId)} at ${shipped.at}; not shipped again, tell the payments team`];
      }
      state.fulfilled[orderNo] = { eventId, amountMinor, currency, at };
      return [`FULFIL order=${q(orderNo)} amount=${formatAmount(amountMinor, currency)} eventId=${q(eventId)} at=${at}`];
    }
    case PAYMENT_FAILED:
      return [`DO-NOT-SHIP order=${q(orderNo)} payment ${q(optionalString(v, 'status') ?? 'failed')}`
        + ` errorCode=${q(optionalString(v, 'errorCode') ?? '-')} eventId=${q(eventId)} at=${at}`];
    case ORDER_CLOSED:
      return [`DO-NOT-SHIP order=${q(orderNo)} closed unpaid errorCode=${q(optionalString(v, 'errorCode') ?? '-')} eventId=${q(eventId)} at=${at}`];
    case REFUND_REQUIRED: {
      const amountMinor = requireSafeInteger(v, 'amountMinor', event, ref);
      const currency = requireString(v, 'currency', event, ref);
      const shipped = state.fulfilled[orderNo];
      const note = shipped ? ` (order was fulfilled at ${shipped.at}: stop that shipment too)` : '';
      return [`REFUND-REQUESTED order=${q(orderNo)} amount=${formatAmount(amountMinor, currency)} reason=${q(optionalString(v, 'reason') ?? '-')}`
        + ` eventId=${q(eventId)} at=${at}: paid after the order ended; do not ship, the refund is requested automatically${note}`];
    }
    case REFUND_SUCCEEDED: {
      const amountMinor = requireSafeInteger(v, 'amountMinor', event, ref);
      const totalMinor = requireSafeInteger(v, 'refundedTotalMinor', event, ref);
      const paidMinor = requireSafeInteger(v, 'paidMinor', event, ref);
      const currency = requireString(v, 'currency', event, ref);
      return [`REFUNDED order=${q(orderNo)} amount=${formatAmount(amountMinor, currency)} refund=${q(requireString(v, 'refundId', event, ref))}`
        + ` total=${totalMinor} of paid=${paidMinor} eventId=${q(eventId)} at=${at}`];
    }
    default: { // REFUND_FAILED
      const amountMinor = requireSafeInteger(v, 'amountMinor', event, ref);
      const currency = requireString(v, 'currency', event, ref);
      return [`REFUND-FAILED order=${q(orderNo)} amount=${formatAmount(amountMinor, currency)} refund=${q(requireString(v, 'refundId', event, ref))}`
        + ` reason=${q(optionalString(v, 'reason') ?? '-')} eventId=${q(eventId)} at=${at}: the money did not go back; the payments team follows up`];
    }
  }
}

export function simpleName(fullName: string): string {
  return fullName.substring(fullName.lastIndexOf('.') + 1);
}

/** 1234 HKD → "12.34 HKD (1234 minor)"; the exponent comes from ICU's currency data, never from floats. */
export function formatAmount(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === undefined) {
    return `${amountMinor} minor units of ${q(currency)}`;
  }
  const negative = amountMinor < 0;
  const text = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const major = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${major} ${currency} (${amountMinor} minor)`;
}

function minorDigits(currency: string): number | undefined {
  if (!/^[A-Z]{3}$/.test(currency)) {
    return undefined;
  }
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return undefined;
  }
}

/** A value printed as is when it is plain, else JSON-quoted, so that one event stays one line. */
export function q(text: string): string {
  return /^[A-Za-z0-9_.:@\-]+$/.test(text) ? text : JSON.stringify(text);
}

function requireString(v: Record<string, unknown>, field: string, event: DecodedEvent, ref: RecordRef): string {
  const value = v[field];
  if (typeof value !== 'string') {
    throw new UnprocessableRecordError(ref, `${simpleName(event.type)} (schema id ${event.schemaId}) has no string field ${field}`);
  }
  return value;
}

function requireSafeInteger(v: Record<string, unknown>, field: string, event: DecodedEvent, ref: RecordRef): number {
  const value = v[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new UnprocessableRecordError(ref, `${simpleName(event.type)} (schema id ${event.schemaId}) has no integer field ${field}`);
  }
  return value;
}

function optionalString(v: Record<string, unknown>, field: string): string | undefined {
  const value = v[field];
  return typeof value === 'string' ? value : undefined;
}
