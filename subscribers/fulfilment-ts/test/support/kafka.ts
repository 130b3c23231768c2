import { randomUUID } from 'node:crypto';
import { Kafka, KafkaMessage, logLevel, Partitioners, Producer } from 'kafkajs';
import { EventDecoder, RegistryWriterSchemas, confluentApiUrl, frame } from '../../src/decoding';
import { awaitLeaders } from '../../src/subscriber';
import { env, until } from './env';
import type { Type } from 'avsc';

export const kafka = new Kafka({ clientId: 'fulfilment-ts-it', brokers: env.brokers, logLevel: logLevel.WARN });
export const writerSchemas = new RegistryWriterSchemas(env.registryUrl);
/** The subscriber's own decoding path. */
export const decoder = new EventDecoder(writerSchemas);

export interface Subject {
  subject: string;
  id: number;
  type: Type;
}

/** Every subject the registry lists, with its latest version's id and the avsc type behind that id. */
export async function registrySubjects(): Promise<Subject[]> {
  const api = confluentApiUrl(env.registryUrl);
  const subjects = await getJson<string[]>(`${api}/subjects`);
  return Promise.all(subjects.map(async subject => {
    const latest = await getJson<{ id: number }>(`${api}/subjects/${encodeURIComponent(subject)}/versions/latest`);
    return { subject, id: latest.id, type: await writerSchemas.byId(latest.id) };
  }));
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${url}: HTTP ${response.status}`);
  }
  return await response.json() as T;
}

/** A value in the wire format under the subject's id, encoded with the registry's schema. */
export function encode(subject: Subject, value: unknown): Buffer {
  return frame(subject.id, subject.type.toBuffer(value));
}

export async function withProducer<T>(use: (producer: Producer) => Promise<T>, transactionalId?: string): Promise<T> {
  const producer = transactionalId
    ? kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner })
    : kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    return await use(producer);
  } finally {
    await producer.disconnect();
  }
}

export async function createTopic(topic: string, partitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: false });
    await awaitLeaders(admin, [topic], partitions); // see awaitLeaders: kafkajs' own wait fails on Kafka 4.2
  } finally {
    await admin.disconnect();
  }
}

export interface Consumed {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/**
 * Reads `topic` from its start (read_committed, a group of its own that commits nothing) until
 * `done` says it has what it needs, or fails after `timeoutMs`.
 */
export async function readUntil(topic: string, timeoutMs: number, done: (records: Consumed[]) => boolean): Promise<Consumed[]> {
  const consumer = kafka.consumer({ groupId: `fulfilment-ts-it-reader-${randomUUID()}`, readUncommitted: false, maxWaitTimeInMs: 100 });
  const records: Consumed[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: async ({ partition, message }) => { records.push({ topic, partition, message }); } });
    await until(`the records wanted from ${topic} (have ${records.length})`, timeoutMs, () => (done(records) ? true : undefined));
    return records;
  } finally {
    await consumer.disconnect();
  }
}

/** Buffers as base64, records as plain objects: what Java's expected JSON and avsc's values are compared as. */
export function plain(value: unknown): unknown {
  if (Buffer.isBuffer(value)) {
    return { $bytes: value.toString('base64') };
  }
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = plain((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}
