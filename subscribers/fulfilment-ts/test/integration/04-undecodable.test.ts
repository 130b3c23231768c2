import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { frame } from '../../src/decoding';
import { env } from '../support/env';
import { Subject, createTopic, registrySubjects, withProducer } from '../support/kafka';
import { outcome, withBigLong } from '../support/outcomes';
import { SubscriberProcess, killAll, readState } from '../support/process';
import { generate } from '../support/generate';

interface Poison {
  name: string;
  value: (subjects: Map<string, Subject>) => Buffer | null;
  reason: RegExp;
}

const SUCCEEDED = 'com.merchantpay.events.outcome.PaymentSucceeded';

const POISONS: Poison[] = [
  { name: 'json', value: () => Buffer.from('{"orderNo":"P-1","amountMinor":1999}'), reason: /not in the Confluent wire format \(36 bytes, first byte 123\)/ },
  { name: 'unknown-id', value: s => frame(999_999, s.get(SUCCEEDED)!.type.toBuffer(generate(s.get(SUCCEEDED)!.type, 'full'))), reason: /the registry has no schema with id 999999/ },
  { name: 'truncated', value: s => outcome(s.get(SUCCEEDED)!, 'P-trunc').value.subarray(0, 20), reason: /does not decode as com\.merchantpay\.events\.outcome\.PaymentSucceeded/ },
  {
    name: 'amount-2pow53', reason: /long 9007199254740992 is outside \+-\(2\^53 - 1\)/,
    value: s => withBigLong(s.get(SUCCEEDED)!, { ...(generate(s.get(SUCCEEDED)!.type, 'full') as Record<string, unknown>), amountMinor: 2 ** 53 }),
  },
  {
    name: 'not-an-outcome', reason: /event type com\.merchantpay\.events\.order\.OrderCreated \(schema id \d+\) is not one this subscriber handles/,
    value: s => frame(s.get('com.merchantpay.events.order.OrderCreated')!.id,
      s.get('com.merchantpay.events.order.OrderCreated')!.type.toBuffer(generate(s.get('com.merchantpay.events.order.OrderCreated')!.type, 'full'))),
  },
  { name: 'tombstone', value: () => null, reason: /the value is null \(a tombstone\)/ },
];

describe('a record it cannot decode stops the subscriber loudly', () => {
  after(killAll);

  it('exits 2 naming topic, partition and offset, keeps what came before, and stops there again on restart', async () => {
    const subjects = new Map((await registrySubjects()).map(s => [s.subject, s] as const));
    const run = randomUUID().substring(0, 8);
    await Promise.all(POISONS.map(async (poison, index) => {
      const topic = `fulfilment-ts-it.poison.${run}.${poison.name}`;
      await createTopic(topic, 3);
      const key = `P-${run}-${index}`;
      const before = outcome(subjects.get(SUCCEEDED)!, `${key}-before`);
      const afterIt = outcome(subjects.get(SUCCEEDED)!, `${key}-after`);
      // One key, so all three land on one partition in this order.
      const [metadata] = await withProducer(producer => producer.send({
        topic, acks: -1,
        messages: [{ key, value: before.value }, { key, value: poison.value(subjects) }, { key, value: afterIt.value }],
      }));
      const poisonOffset = (BigInt(metadata.baseOffset!) + 1n).toString();
      const where = `${topic}[${metadata.partition}]@${poisonOffset}`;
      const settings = { stateFile: path.join(env.workDir, `poison-${run}-${poison.name}.state.json`), group: `fulfilment-ts-it-poison-${run}-${index}`,
        sourceTopic: topic, replayTopic: `${topic}.replay` };

      for (const attempt of ['first', 'restart']) {
        if (attempt === 'restart' && index > 0) {
          continue; // the restart is checked once
        }
        const subscriber = new SubscriberProcess(`${poison.name}-${attempt}`, settings);
        assert.equal(await subscriber.exitCode(60_000), 2, `${poison.name}: exit code 2`);
        const fatal = subscriber.err.find(line => line.includes(' FATAL '));
        assert.ok(fatal, `${poison.name}: a FATAL line`);
        assert.ok(fatal.includes(`FATAL cannot process ${where}: `), `${poison.name}: names the record ${where}: ${fatal}`);
        assert.match(fatal, poison.reason, poison.name);
        assert.equal(subscriber.out.filter(line => line.startsWith(`FULFIL order=${key}-before `)).length, attempt === 'first' ? 1 : 0,
          `${poison.name}: the record before is fulfilled once (${attempt})`);
        assert.deepEqual(subscriber.out.filter(line => line.includes(`${key}-after`)), [], `${poison.name}: nothing after the poison`);
        const state = readState(settings.stateFile)!;
        assert.equal(state.positions[topic][String(metadata.partition)], poisonOffset, `${poison.name}: the state stops at the poison`);
      }
    }));
  });
});
