import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { env, until } from '../support/env';
import { Subject, registrySubjects, withProducer } from '../support/kafka';
import { outcome } from '../support/outcomes';
import { SubscriberProcess, killAll, ops, readState } from '../support/process';

const SOURCE = 'payments.outcomes.v1';
const REPLAY = 'replay.fulfilment.v1';
const OUTCOME = 'com.merchantpay.events.outcome.';

describe('a crash and an operator\'s replay never ship an order twice', () => {
  after(killAll);

  it('resumes from its own offsets after kill -9, and dedupes a bin/ops replay of the whole range', async () => {
    const subjects = new Map((await registrySubjects()).map(s => [s.subject, s] as const));
    const subject = (name: string): Subject => subjects.get(OUTCOME + name)!;
    const run = randomUUID().substring(0, 8);
    const order = (n: number) => `R-${run}-${String(n).padStart(2, '0')}`;
    const succeeded = Array.from({ length: 12 }, (_, i) => order(i + 1));
    const failed = [13, 14, 15].map(order);
    const closed = [16, 17, 18].map(order);
    const refunded = [16, 17].map(order);
    const event = (name: string, orderNo: string, fields: Record<string, unknown> = {}) => outcome(subject(name), orderNo, fields);
    const batchA = [
      ...succeeded.slice(0, 6).map((o, i) => event('PaymentSucceeded', o, { amountMinor: 1000 + i })),
      event('PaymentFailed', failed[0]), event('OrderClosed', closed[0], { errorCode: '3300' }),
    ];
    const batchB = [
      ...succeeded.slice(6).map((o, i) => event('PaymentSucceeded', o, { amountMinor: 2000 + i, currency: 'JPY' })),
      event('PaymentFailed', failed[1]), event('PaymentFailed', failed[2], { status: 'cancelled' }),
      event('OrderClosed', closed[1]), event('OrderClosed', closed[2]),
      ...refunded.map(o => event('RefundRequired', o)),
    ];
    const aborted = event('PaymentSucceeded', `R-${run}-aborted`);
    // Record timestamps are the producer's clock (CreateTime), this clock: the range starts now.
    const from = new Date().toISOString();

    // Outcomes are written as notify-service writes them: in Kafka transactions. One is aborted.
    const transaction = async (messages: { key: string; value: Buffer }[], commit: boolean) =>
      withProducer(async producer => {
        const tx = await producer.transaction();
        await tx.send({ topic: SOURCE, messages: messages.map(({ key, value }) => ({ key, value })) });
        await (commit ? tx.commit() : tx.abort());
      }, `fulfilment-ts-it-${run}`);
    await transaction(batchA, true);
    await transaction([aborted], false);

    const stateFile = path.join(env.workDir, `replay-${run}.state.json`);
    const settings = { stateFile, group: `fulfilment-ts-it-${run}` };
    const first = new SubscriberProcess('first', settings);
    await first.assigned();
    await until('the first run to handle batch A', 60_000, () =>
      batchA.every(e => first.out.some(line => line.includes(`eventId=${e.eventId} `))) ? true : undefined);
    await first.crash(); // kill -9: no shutdown, the lock file stays behind

    await transaction(batchB, true);
    const second = new SubscriberProcess('second', settings);
    await second.assigned();
    await until('the second run to handle batch B', 60_000, () =>
      batchB.every(e => second.out.some(line => line.includes(`eventId=${e.eventId} `))) ? true : undefined);
    assert.deepEqual(batchA.filter(e => second.out.some(line => line.includes(`eventId=${e.eventId} `))).map(e => e.eventId), [],
      'the second run resumed at its own offsets: it never saw batch A again');

    // The operator's incident 1: copy the range into the topic only this subscriber reads.
    const to = new Date(Date.now() + 1_000).toISOString();
    const replay = ['replay', '--source', SOURCE, '--target', REPLAY, '--from', from, '--to', to];
    const dryRun = await ops([...replay, '--dry-run']);
    assert.equal(dryRun.code, 0, dryRun.stderr);
    const copy = await ops([...replay, '--yes', '--by', 'fulfilment-ts-it']);
    assert.equal(copy.code, 0, copy.stderr);
    const all = [...batchA, ...batchB];
    assert.match(copy.stdout, new RegExp(`copied ${all.length} records`), 'the replay copies the committed outcomes of the range, not the aborted one');
    await until('every replayed copy to be recognised as a duplicate', 60_000, () =>
      all.every(e => second.out.some(line => line.startsWith(`DUPLICATE eventId=${e.eventId} `) && line.includes(` at=${REPLAY}[`)))
        ? true : undefined);
    const again = await ops([...replay, '--yes', '--by', 'fulfilment-ts-it']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`already in replay\\.fulfilment\\.v1 from earlier runs of this replay: ${all.length} \\(skipped\\)`));
    assert.match(again.stdout, /total: 0/, 'running the same replay again copies nothing');

    const everything = [...first.out, ...second.out];
    for (const orderNo of succeeded) {
      const shipped = everything.filter(line => line.startsWith(`FULFIL order=${orderNo} `));
      assert.equal(shipped.length, 1, `${orderNo} fulfilled exactly once, got ${JSON.stringify(shipped)}`);
    }
    for (const orderNo of [...failed, ...closed]) {
      assert.equal(everything.filter(line => line.startsWith(`DO-NOT-SHIP order=${orderNo} `)).length, 1, orderNo);
      assert.equal(everything.filter(line => line.startsWith(`FULFIL order=${orderNo} `)).length, 0, orderNo);
    }
    for (const orderNo of refunded) {
      assert.equal(everything.filter(line => line.startsWith(`REFUND-REQUESTED order=${orderNo} `)).length, 1, orderNo);
    }
    assert.deepEqual(everything.filter(line => line.includes(`R-${run}-aborted`)), [], 'an aborted transaction is never read (read_committed)');
    assert.ok(everything.some(line => line === `FULFIL order=${succeeded[6]} amount=2000 JPY (2000 minor) eventId=ev-${succeeded[6]}-outcome at=${line.split(' at=')[1]}`));

    const state = readState(stateFile)!;
    for (const orderNo of succeeded) {
      assert.equal(state.fulfilled[orderNo]?.eventId, `ev-${orderNo}-outcome`, orderNo);
    }
    assert.ok(state.duplicatesIgnored >= all.length, `duplicates ignored ${state.duplicatesIgnored}`);

    // Records the Java services' serializer wrote on the outcome topic went through the real subscriber too.
    if (env.javaSamples) {
      const javaSuccesses = (JSON.parse(fs.readFileSync(env.javaSamples, 'utf8')) as { topic: string; type: string; key: string }[])
        .filter(sample => sample.type === `${OUTCOME}PaymentSucceeded`);
      for (const sample of javaSuccesses) {
        assert.ok(everything.some(line => line.startsWith(`FULFIL order=${sample.key} `)), `Java-written ${sample.key} fulfilled`);
      }
    }

    // A clean stop and a start: it resumes at its offsets and prints nothing it printed before.
    assert.equal(await second.stop(), 0, 'SIGTERM stops it with exit 0');
    const third = new SubscriberProcess('third', settings);
    await third.assigned();
    const last = event('PaymentSucceeded', order(99));
    await transaction([last], true);
    await until('the third run to fulfil the new order', 60_000, () => third.linesFor(order(99)).length > 0 ? true : undefined);
    assert.deepEqual(third.out.filter(line => line.includes(`R-${run}-`)), third.linesFor(order(99)),
      'after a restart only the new order is handled');
    assert.equal(await third.stop(), 0);
  });
});
