import * as avro from 'avsc';
import { frame } from '../../src/decoding';
import { generate } from './generate';
import { Subject } from './kafka';

/** An outcome as notify-service would write it for an order (deterministic eventId per order and kind). */
export function outcome(subject: Subject, orderNo: string, fields: Record<string, unknown> = {}): { key: string; value: Buffer; eventId: string } {
  const kind = subject.subject.endsWith('RefundRequired') ? 'refund-required' : 'outcome';
  const eventId = `ev-${orderNo}-${kind}`;
  const value = {
    ...(generate(subject.type, 'full') as Record<string, unknown>),
    eventId, orderNo, occurredAt: Date.now(), traceId: `trace-${orderNo}`, pspReference: `psp-${orderNo}`,
    amountMinor: 1999, currency: 'HKD', decidedBy: 'notification', status: 'failed', errorCode: null, reason: 'PAID_AFTER_CLOSED',
    ...fields,
  };
  const known = Object.fromEntries(Object.entries(value).filter(([name]) => hasField(subject.type, name)));
  return { key: orderNo, value: frame(subject.id, subject.type.toBuffer(known)), eventId };
}

function hasField(type: avro.Type, name: string): boolean {
  return ((type as avro.types.RecordType).fields ?? []).some(field => field.name === name);
}

/** Writes a long with all 64 bits (a BigInt long), to make records no JavaScript number can hold. */
export function withBigLong(subject: Subject, value: Record<string, unknown>): Buffer {
  const bigLong = avro.types.LongType.__with({
    fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
    toBuffer: (n: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64LE(n); return b; },
    fromJSON: BigInt, toJSON: Number, isValid: (n: unknown) => typeof n === 'bigint',
    compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
  });
  const writer = avro.Type.forSchema(subject.type.schema() as avro.Schema, { registry: { long: bigLong } });
  const longs = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'number' && hasLongField(subject.type, k) ? BigInt(v) : v]));
  return frame(subject.id, writer.toBuffer(longs));
}

function hasLongField(type: avro.Type, name: string): boolean {
  return ((type as avro.types.RecordType).fields ?? []).some(field => field.name === name && /long/.test(field.type.typeName));
}
