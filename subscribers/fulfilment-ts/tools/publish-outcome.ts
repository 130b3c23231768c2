#!/usr/bin/env node
/**
 * For the walkthrough only: writes one outcome to payments.outcomes.v1 the way notify-service does
 * (Confluent wire format under the registry's id for the record's subject, keyed by the order
 * number, in a Kafka transaction, deterministic eventId), so a developer can watch the subscriber
 * without running the whole workflow.
 *
 *   node dist/tools/publish-outcome.js <succeeded|failed|closed|refund> <orderNo> [amountMinor] [currency]
 *   node dist/tools/publish-outcome.js garbage <orderNo>     # a value that is not in the wire format
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { RegistryWriterSchemas, confluentApiUrl, frame } from '../src/decoding';
import { settingsFrom } from '../src/config';

const KINDS: Record<string, string> = {
  succeeded: 'PaymentSucceeded', failed: 'PaymentFailed', closed: 'OrderClosed', refund: 'RefundRequired',
};

async function main(): Promise<void> {
  const [kind, orderNo, amount = '1999', currency = 'HKD'] = process.argv.slice(2);
  if (!orderNo || !(kind in KINDS || kind === 'garbage')) {
    throw new Error('usage: publish-outcome <succeeded|failed|closed|refund|garbage> <orderNo> [amountMinor] [currency]');
  }
  const settings = settingsFrom(process.env);
  let value: Buffer;
  let type = 'not an event';
  if (kind === 'garbage') {
    value = Buffer.from(JSON.stringify({ orderNo, note: 'JSON, not the Confluent wire format' }));
  } else {
    type = `com.merchantpay.events.outcome.${KINDS[kind]}`;
    const response = await fetch(`${confluentApiUrl(settings.registryUrl)}/subjects/${type}/versions/latest`);
    if (!response.ok) {
      throw new Error(`the registry has no subject ${type} (HTTP ${response.status}); is this the local stack's registry?`);
    }
    const { id } = await response.json() as { id: number };
    const schema = await new RegistryWriterSchemas(settings.registryUrl).byId(id);
    const event = {
      eventId: `demo-${orderNo}-${kind === 'refund' ? 'refund-required' : 'outcome'}`,
      occurredAt: Date.now(), orderNo, traceId: `demo-${randomUUID()}`, pspReference: `psp-${orderNo}`,
      amountMinor: Number(amount), currency, decidedBy: 'notification', findingEventId: `demo-finding-${orderNo}`,
      status: 'failed', errorCode: kind === 'closed' ? '3300' : null, errorMessage: null, reason: 'PAID_AFTER_CLOSED',
    };
    const fields = new Set(((schema as unknown as { fields: { name: string }[] }).fields).map(f => f.name));
    value = frame(id, schema.toBuffer(Object.fromEntries(Object.entries(event).filter(([name]) => fields.has(name)))));
  }
  const kafka = new Kafka({ clientId: 'publish-outcome', brokers: settings.brokers, logLevel: logLevel.NOTHING }); // failures end in the exception below
  const producer = kafka.producer({
    transactionalId: `publish-outcome-${randomUUID()}`, idempotent: true, maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner, // murmur2, as the Java producers partition
  });
  await producer.connect();
  try {
    const tx = await producer.transaction();
    const [metadata] = await tx.send({ topic: settings.sourceTopic, messages: [{ key: orderNo, value }] });
    await tx.commit();
    console.log(`wrote ${type} for ${orderNo} to ${settings.sourceTopic}[${metadata.partition}]@${metadata.baseOffset}`);
  } finally {
    await producer.disconnect();
  }
}

main().catch((e: Error) => {
  console.error(`publish-outcome: ${e.message}`);
  process.exit(1);
});
