import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { env, writeReport } from '../support/env';
import { Tally, count } from '../support/catalogue';
import { decoder, plain, readUntil } from '../support/kafka';

/** One record the Java services' serializer (EventSerializer) wrote, with the value it was given. */
interface JavaSample {
  topic: string;
  key: string;
  type: string;
  variant: string;
  value: unknown;
}

describe('records written by the Java services\' serializer decode in TypeScript', () => {
  it('decodes each sample of each event type to the value Java wrote', { skip: env.javaSamples ? false : 'JAVA_SAMPLES not set (the JUnit test writes them)' }, async () => {
    const samples = JSON.parse(fs.readFileSync(env.javaSamples!, 'utf8')) as JavaSample[];
    assert.ok(samples.length > 0, 'no Java samples');
    const tally: Tally = {};
    samples.forEach(sample => count(tally, sample.topic, sample.type, 'written'));
    for (const topic of new Set(samples.map(sample => sample.topic))) {
      const wanted = samples.filter(sample => sample.topic === topic);
      const records = await readUntil(topic, 60_000, have => {
        const keys = new Set(have.map(r => r.message.key?.toString()));
        return wanted.every(sample => keys.has(sample.key));
      });
      for (const sample of wanted) {
        const matching = records.filter(r => r.message.key?.toString() === sample.key);
        assert.equal(matching.length, 1, `${sample.key}: one record`);
        const record = matching[0];
        const decoded = await decoder.decode(record.message.value, { topic, partition: record.partition, offset: record.message.offset });
        assert.equal(decoded.type, sample.type, `${sample.key}: type`);
        assert.deepStrictEqual(plain(decoded.value), plain(sample.value), `${sample.key} (${sample.variant}): value`);
        count(tally, topic, decoded.type, 'decoded');
      }
    }
    writeReport('java', tally);
  });
});
