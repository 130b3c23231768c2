import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { writeReport } from '../support/env';
import { Tally, count, loadCatalogue, topicsOf } from '../support/catalogue';
import { Variant, generate } from '../support/generate';
import { decoder, encode, plain, readUntil, registrySubjects, withProducer } from '../support/kafka';

const VARIANTS: Variant[] = ['empty', 'full', 'negative', 'random-1', 'random-2', 'random-3', 'random-4', 'random-5'];

describe('every event type of every topic decodes in TypeScript', () => {
  it('maps every registry subject to a topic of PaymentTopics and back', async () => {
    const catalogue = loadCatalogue();
    const subjects = (await registrySubjects()).map(s => s.subject).sort();
    const unmapped = subjects.filter(subject => topicsOf(catalogue, subject).length === 0);
    assert.deepEqual(unmapped, [], `event types in the registry that PaymentTopics puts on no topic: ${unmapped.join(', ')}`);
    const unregistered = catalogue.flatMap(topic => topic.events).filter(event => !subjects.includes(event));
    assert.deepEqual(unregistered, [], `event types of PaymentTopics the registry does not have: ${unregistered.join(', ')}`);
    assert.ok(subjects.length >= 13, `expected at least the 13 event types of today, registry lists ${subjects.length}`);
  });

  it('decodes generated records (nulls, empty and unicode strings, longs at +-(2^53 - 1), random) written to each topic', async () => {
    const catalogue = loadCatalogue();
    const subjects = await registrySubjects();
    const run = randomUUID().substring(0, 8);
    const expected = new Map<string, { topic: string; subject: string; id: number; value: unknown }>();
    const tally: Tally = {};
    await withProducer(async producer => {
      for (const subject of subjects) {
        const topics = topicsOf(catalogue, subject.subject);
        assert.ok(topics.length > 0, `no topic for ${subject.subject}`);
        for (const topic of topics) {
          const messages = VARIANTS.map(variant => {
            const value = generate(subject.type, variant.startsWith('random-')
              ? `random-${subjects.indexOf(subject) * 100 + Number(variant.substring(7))}` as Variant : variant);
            const key = `gen-${run}-${topic}-${subject.subject}-${variant}`; // an event may be on several topics
            expected.set(key, { topic, subject: subject.subject, id: subject.id, value });
            count(tally, topic, subject.subject, 'written');
            return { key, value: encode(subject, value) };
          });
          await producer.send({ topic, acks: -1, messages });
        }
      }
    });
    for (const topic of new Set([...expected.values()].map(e => e.topic))) {
      const wanted = [...expected.entries()].filter(([, e]) => e.topic === topic).map(([key]) => key);
      const records = await readUntil(topic, 60_000, have => {
        const keys = new Set(have.map(r => r.message.key?.toString()));
        return wanted.every(key => keys.has(key));
      });
      for (const record of records) {
        const key = record.message.key?.toString() ?? '';
        const want = expected.get(key);
        if (!want || want.topic !== topic) {
          continue; // another test's record
        }
        const decoded = await decoder.decode(record.message.value, { topic, partition: record.partition, offset: record.message.offset });
        assert.equal(decoded.type, want.subject, `${key}: type`);
        assert.equal(decoded.schemaId, want.id, `${key}: schema id`);
        assert.deepStrictEqual(plain(decoded.value), plain(want.value), `${key}: value`);
        count(tally, topic, decoded.type, 'decoded');
      }
    }
    for (const [topic, types] of Object.entries(tally)) {
      for (const [type, { written, decoded }] of Object.entries(types)) {
        assert.equal(decoded, written, `${topic} ${type}: decoded ${decoded} of ${written}`);
      }
    }
    writeReport('generated', tally);
  });
});
