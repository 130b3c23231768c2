import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ORDER_CLOSED, PAYMENT_FAILED, PAYMENT_SUCCEEDED, REFUND_FAILED, REFUND_REQUIRED, REFUND_SUCCEEDED, applyOutcome, formatAmount } from '../../src/fulfilment';
import { DecodedEvent, RecordRef, UnprocessableRecordError } from '../../src/records';
import { emptyState } from '../../src/state';

const at = (offset: number, topic = 'payments.outcomes.v1'): RecordRef => ({ topic, partition: 1, offset: String(offset) });
const event = (type: string, value: Record<string, unknown>): DecodedEvent => ({ type, schemaId: 7, value });
const succeeded = (orderNo: string, eventId = `ev-${orderNo}`) =>
  event(PAYMENT_SUCCEEDED, { eventId, orderNo, amountMinor: 1234, currency: 'HKD', occurredAt: 0, traceId: 't', decidedBy: 'notification' });

describe('applyOutcome', () => {
  it('fulfils a PaymentSucceeded once, with the amount in major units', () => {
    const state = emptyState();
    assert.deepEqual(applyOutcome(state, succeeded('O-1'), at(5)),
      ['FULFIL order=O-1 amount=12.34 HKD (1234 minor) eventId=ev-O-1 at=payments.outcomes.v1[1]@5']);
    assert.deepEqual(Object.keys(state.fulfilled), ['O-1']);
  });

  it('ignores a second copy of the same eventId from any topic (a replay)', () => {
    const state = emptyState();
    applyOutcome(state, succeeded('O-1'), at(5));
    const lines = applyOutcome(state, succeeded('O-1'), at(0, 'replay.fulfilment.v1'));
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^DUPLICATE eventId=ev-O-1 type=PaymentSucceeded order=O-1 at=replay.fulfilment.v1\[1\]@0 first=payments.outcomes.v1\[1\]@5: ignored$/);
    assert.equal(state.duplicatesIgnored, 1);
    assert.equal(Object.keys(state.fulfilled).length, 1);
  });

  it('never ships an order twice, even for a success with another eventId', () => {
    const state = emptyState();
    applyOutcome(state, succeeded('O-1', 'a'), at(1));
    const lines = applyOutcome(state, succeeded('O-1', 'b'), at(2));
    assert.match(lines[0], /^SECOND-SUCCESS order=O-1 eventId=b .*already fulfilled by eventId=a/);
    assert.equal(state.fulfilled['O-1'].eventId, 'a');
  });

  it('says what to do for failed, closed and refund-required orders', () => {
    const state = emptyState();
    assert.match(applyOutcome(state, event(PAYMENT_FAILED, { eventId: 'f', orderNo: 'O-2', status: 'cancelled', errorCode: null }), at(1))[0],
      /^DO-NOT-SHIP order=O-2 payment cancelled errorCode=- /);
    assert.match(applyOutcome(state, event(ORDER_CLOSED, { eventId: 'c', orderNo: 'O-3', errorCode: '3300' }), at(2))[0],
      /^DO-NOT-SHIP order=O-3 closed unpaid errorCode=3300 /);
    assert.match(applyOutcome(state, event(REFUND_REQUIRED, { eventId: 'r', orderNo: 'O-3', amountMinor: 500, currency: 'JPY', reason: 'PAID_AFTER_CLOSED' }), at(3))[0],
      /^REFUND-REQUESTED order=O-3 amount=500 JPY \(500 minor\) reason=PAID_AFTER_CLOSED .*do not ship, the refund is requested automatically$/);
    assert.deepEqual(state.fulfilled, {});
  });

  it('reports refunds that went back and refunds that failed, without touching what was shipped', () => {
    const state = emptyState();
    applyOutcome(state, succeeded('O-4'), at(1));
    assert.match(applyOutcome(state, event(REFUND_SUCCEEDED, { eventId: 'rs', orderNo: 'O-4', refundId: 'RF1', amountMinor: 234,
      currency: 'HKD', refundedTotalMinor: 234, paidMinor: 1234 }), at(2))[0],
      /^REFUNDED order=O-4 amount=2.34 HKD \(234 minor\) refund=RF1 total=234 of paid=1234 eventId=rs /);
    assert.match(applyOutcome(state, event(REFUND_FAILED, { eventId: 'rf', orderNo: 'O-4', refundId: 'RF2', amountMinor: 1000,
      currency: 'HKD', errorCode: '0053', reason: 'UseePay reports the refund failed' }), at(3))[0],
      /^REFUND-FAILED order=O-4 amount=10.00 HKD \(1000 minor\) refund=RF2 reason="UseePay reports the refund failed" .*payments team follows up$/);
    assert.equal(state.fulfilled['O-4'].eventId, 'ev-O-4');
  });

  it('refuses an event type it has no rule for, naming the record', () => {
    assert.throws(() => applyOutcome(emptyState(), event('com.merchantpay.events.outcome.PaymentPartlyRefunded', { eventId: 'x', orderNo: 'O' }), at(9)),
      (e: unknown) => e instanceof UnprocessableRecordError && /payments.outcomes.v1\[1\]@9: event type com.merchantpay.events.outcome.PaymentPartlyRefunded/.test(e.message));
  });

  it('refuses a PaymentSucceeded without an integer amount', () => {
    assert.throws(() => applyOutcome(emptyState(), event(PAYMENT_SUCCEEDED, { eventId: 'x', orderNo: 'O', amountMinor: '12', currency: 'HKD' }), at(3)),
      /has no integer field amountMinor/);
  });

  it('keeps one event on one line whatever its strings hold', () => {
    const lines = applyOutcome(emptyState(), succeeded('line\nbreak 注文'), at(1));
    assert.equal(lines.length, 1);
    assert.ok(!lines[0].includes('\n'));
    assert.ok(lines[0].includes('order="line\\nbreak 注文"'));
  });
});

describe('formatAmount', () => {
  it('uses the currency exponent and never floats', () => {
    assert.equal(formatAmount(5, 'HKD'), '0.05 HKD (5 minor)');
    assert.equal(formatAmount(-1005, 'USD'), '-10.05 USD (-1005 minor)');
    assert.equal(formatAmount(9007199254740991, 'CNY'), '90071992547409.91 CNY (9007199254740991 minor)');
    assert.equal(formatAmount(1200, 'JPY'), '1200 JPY (1200 minor)');
    assert.equal(formatAmount(7, 'not a currency'), '7 minor units of "not a currency"');
  });
});
