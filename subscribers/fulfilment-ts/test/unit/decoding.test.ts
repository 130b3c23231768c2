import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as avro from 'avsc';
import { EventDecoder, UnknownSchemaError, WriterSchemas, exactLongs, frame } from '../../src/decoding';
import { UnprocessableRecordError } from '../../src/records';

const succeeded = avro.Type.forSchema({
  type: 'record', name: 'PaymentSucceeded', namespace: 'com.merchantpay.events.outcome',
  fields: [{ name: 'orderNo', type: 'string' }, { name: 'amountMinor', type: 'long' }, { name: 'pspReference', type: ['null', 'string'], default: null },
    { name: 'occurredAt', type: { type: 'long', logicalType: 'timestamp-millis' } }],
}, { typeHook: exactLongs });
const schemas: WriterSchemas = {
  async byId(id: number) {
    if (id === 42) {
      return succeeded;
    }
    throw new UnknownSchemaError(id, 404, undefined);
  },
};
const decoder = new EventDecoder(schemas);
const ref = { topic: 'payments.outcomes.v1', partition: 0, offset: '17' };

async function refusal(value: Buffer | null): Promise<string> {
  try {
    await decoder.decode(value, ref);
  } catch (e) {
    assert.ok(e instanceof UnprocessableRecordError, String(e));
    assert.ok(e.message.startsWith('cannot process payments.outcomes.v1[0]@17: '), e.message);
    return e.message;
  }
  assert.fail('decoded what it should refuse');
}

describe('EventDecoder', () => {
  it('decodes the wire format into the writer schema\'s full name and value', async () => {
    const value = { orderNo: 'O-1', amountMinor: Number.MAX_SAFE_INTEGER, pspReference: null, occurredAt: -Number.MAX_SAFE_INTEGER };
    const decoded = await decoder.decode(frame(42, succeeded.toBuffer(value)), ref);
    assert.equal(decoded.type, 'com.merchantpay.events.outcome.PaymentSucceeded');
    assert.equal(decoded.schemaId, 42);
    assert.deepEqual({ ...decoded.value }, value);
  });

  it('refuses what it cannot decode, loudly and by record', async () => {
    const body = succeeded.toBuffer({ orderNo: 'O-1', amountMinor: 1, pspReference: 'p', occurredAt: 0 });
    assert.match(await refusal(null), /tombstone/);
    assert.match(await refusal(Buffer.from('{"orderNo":"O-1"}')), /not in the Confluent wire format \(17 bytes, first byte 123\)/);
    assert.match(await refusal(Buffer.from([0, 0, 0])), /not in the Confluent wire format \(3 bytes/);
    assert.match(await refusal(frame(7, body)), /no schema with id 7/);
    assert.match(await refusal(frame(42, body.subarray(0, body.length - 1))), /does not decode as .*PaymentSucceeded.*truncated/);
    assert.match(await refusal(frame(42, Buffer.concat([body, Buffer.from([1])]))), /trailing data/);
  });

  it('refuses a long that a JavaScript number would round (2^53) instead of rounding an amount', async () => {
    const longs = avro.Type.forSchema({ type: 'record', name: 'L', fields: [{ name: 'orderNo', type: 'string' }, { name: 'amountMinor', type: 'long' },
      { name: 'pspReference', type: ['null', 'string'] }, { name: 'occurredAt', type: 'long' }] });
    // Write 2^53 with a BigInt-backed long so the bytes are exact.
    const bigLong = avro.types.LongType.__with({
      fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
      toBuffer: (n: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64LE(n); return b; },
      fromJSON: BigInt, toJSON: Number, isValid: (n: unknown) => typeof n === 'bigint', compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
    });
    const writer = avro.Type.forSchema(longs.schema() as avro.Schema, { registry: { long: bigLong } });
    for (const big of [2n ** 53n, -(2n ** 53n), 2n ** 63n - 1n]) {
      const body = writer.toBuffer({ orderNo: 'O-1', amountMinor: big, pspReference: null, occurredAt: 0n });
      assert.match(await refusal(frame(42, body)), new RegExp(`long ${big} is outside`));
    }
  });
});
