import { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage, logLevel, LogEntry } from 'kafkajs';
import { EventDecoder } from './decoding';
import { applyOutcome } from './fulfilment';
import { RecordRef, UnprocessableRecordError, describeRef } from './records';
import { StateFile, SubscriberState, nextOffset, setNextOffset } from './state';

export interface SubscriberOptions {
  brokers: string[];
  groupId: string;
  /** A crashed run holds its partitions this long (kafkajs has no static membership). */
  sessionTimeoutMs: number;
  /** The topics it reads (read_committed); the first is the source topic, which must exist. */
  topics: string[];
  /** Created (partitions = the source's) when missing: the replay topic only this subscriber reads. */
  ownedTopics: string[];
  decoder: EventDecoder;
  stateFile: StateFile;
  /** What the subscriber would do (FULFIL, DO-NOT-SHIP, REFUND, DUPLICATE, ...), one line per event. */
  out: (line: string) => void;
  /** Diagnostics. */
  log: (line: string) => void;
}

/** Why the subscriber stopped: asked to (exit 0) or on a record it cannot process (exit 2). */
export type StopReason = { kind: 'stopped' } | { kind: 'unprocessable'; error: UnprocessableRecordError } | { kind: 'failed'; error: Error };

/**
 * payments.outcomes.v1 (and its replay topic) → fulfilment, with the subscriber's own offsets.
 *
 * kafkajs has no manual assignment, so the subscriber joins a consumer group for partition
 * assignment only: it never lets kafkajs commit (autoCommit off) and, on every assignment, seeks
 * each partition to the offset its state file names (or the partition's start when the state has
 * none). Each batch is applied to the in-memory state, the state (offsets + facts together) is
 * written atomically, and only then are the lines printed and the batch released. Group offsets
 * are committed after that, for `ops lag` only; they are never read back.
 */
export class FulfilmentSubscriber {
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  private state!: SubscriberState;
  private startOffsets = new Map<string, string>();
  private stopping = false;
  private resolveStop!: (reason: StopReason) => void;
  /** Settles once, with the reason the subscriber stopped. */
  readonly stopped: Promise<StopReason>;

  constructor(private readonly options: SubscriberOptions) {
    this.kafka = new Kafka({
      clientId: options.groupId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => options.log(`kafkajs ${entry.namespace} ${logLevelName(entry.level)}: ${entry.log.message}`),
      retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
    this.stopped = new Promise(resolve => { this.resolveStop = resolve; });
  }

  async start(): Promise<void> {
    const { options } = this;
    options.stateFile.lock();
    this.state = options.stateFile.load();
    options.log(`state ${options.stateFile.file}: ${Object.keys(this.state.fulfilled).length} order(s) fulfilled, `
      + `${Object.keys(this.state.events).length} event(s) seen, positions ${JSON.stringify(this.state.positions)}`);
    await this.prepareTopics();
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      readUncommitted: false, // read_committed: outcomes are written in transactions
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 100, // a read_committed fetch is not woken by a commit marker
      sessionTimeout: options.sessionTimeoutMs,
      heartbeatInterval: Math.floor(options.sessionTimeoutMs / 3),
      retry: { retries: 8, restartOnFailure: async () => !this.stopping },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => this.seekAssigned(payload.memberAssignment));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.stopping) {
        this.finish({ kind: 'failed', error: payload.error });
      }
    });
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: 1, // one batch at a time: one writer of the state file
      eachBatch: payload => this.onBatch(payload),
    });
  }

  /** Stops after the batch in progress (its state is written first) and disconnects. */
  async stop(): Promise<void> {
    this.finish({ kind: 'stopped' });
    await this.stopped;
  }

  private finish(reason: StopReason): void {
    if (this.stopping) {
      return;
    }
    this.stopping = true;
    void (async () => {
      try {
        await this.consumer?.disconnect();
      } catch (e) {
        this.options.log(`disconnect failed: ${(e as Error).message}`);
      } finally {
        this.options.stateFile.unlock();
        this.resolveStop(reason);
      }
    })();
  }

  /** The source topic must exist; owned topics (the replay topic) are created like it when missing. */
  private async prepareTopics(): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const [source] = this.options.topics;
      if (!existing.has(source)) {
        throw new Error(`topic ${source} does not exist on ${this.options.brokers.join(',')}`);
      }
      const missing = this.options.ownedTopics.filter(topic => !existing.has(topic));
      if (missing.length > 0) {
        const metadata = await admin.fetchTopicMetadata({ topics: [source] });
        const partitions = metadata.topics[0].partitions.length;
        await admin.createTopics({ topics: missing.map(topic => ({ topic, numPartitions: partitions })), waitForLeaders: false });
        await awaitLeaders(admin, missing, partitions);
        this.options.log(`created ${missing.join(', ')} (${partitions} partitions): the replay topic only this subscriber reads`);
      }
      for (const topic of this.options.topics) {
        if (!existing.has(topic) && !missing.includes(topic)) {
          throw new Error(`topic ${topic} does not exist`);
        }
        const offsets = await retrying(`the offsets of ${topic}`, () => admin.fetchTopicOffsets(topic));
        for (const { partition, low } of offsets) {
          this.startOffsets.set(`${topic}:${partition}`, low);
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  /** Runs synchronously inside kafkajs' join, so the seeks are in place before the first fetch. */
  private seekAssigned(assignment: Record<string, number[]>): void {
    const seeks: string[] = [];
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const partition of partitions) {
        const offset = nextOffset(this.state, topic, partition) ?? this.startOffsets.get(`${topic}:${partition}`);
        if (offset !== undefined) {
          this.consumer!.seek({ topic, partition, offset });
          seeks.push(`${topic}[${partition}]@${offset}`);
        }
      }
    }
    this.options.log(`assigned; resuming at ${seeks.join(' ')}`);
  }

  private async onBatch({ batch, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (this.stopping) {
      return;
    }
    const { topic, partition } = batch;
    const lines: string[] = [];
    let changed = false;
    let failure: Error | undefined;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) {
        break;
      }
      const next = nextOffset(this.state, topic, partition);
      if (next !== undefined && BigInt(message.offset) < BigInt(next)) {
        continue; // already in the state (a fetch that raced the seek, or a retried batch)
      }
      const ref: RecordRef = { topic, partition, offset: message.offset };
      try {
        lines.push(...await this.handle(message, ref));
      } catch (e) {
        failure = e as Error;
        break;
      }
      setNextOffset(this.state, topic, partition, (BigInt(message.offset) + 1n).toString());
      changed = true;
    }
    if (changed) {
      try {
        this.options.stateFile.save(this.state);
      } catch (e) {
        // The file still holds the previous state; memory is ahead of it. Stop: a restart redoes this batch.
        this.finish({ kind: 'failed', error: new Error(`could not write ${this.options.stateFile.file}: ${(e as Error).message}`) });
        return;
      }
      lines.forEach(line => this.options.out(line));
    }
    if (failure instanceof UnprocessableRecordError) {
      this.finish({ kind: 'unprocessable', error: failure });
      return;
    }
    if (failure) {
      throw failure; // transient (registry unreachable): kafkajs retries from the last released offset
    }
    if (changed) {
      await this.commitForMonitoring(topic, partition);
    }
    await heartbeat();
  }

  private async handle(message: KafkaMessage, ref: RecordRef): Promise<string[]> {
    const event = await this.options.decoder.decode(message.value, ref);
    return applyOutcome(this.state, event, ref);
  }

  private async commitForMonitoring(topic: string, partition: number): Promise<void> {
    const offset = nextOffset(this.state, topic, partition)!;
    try {
      await this.consumer!.commitOffsets([{ topic, partition, offset }]);
    } catch (e) {
      this.options.log(`group offset ${describeRef({ topic, partition, offset })} not committed (monitoring only): ${(e as Error).message}`);
    }
  }
}

/**
 * kafkajs' own `waitForLeaders` retries only LEADER_NOT_AVAILABLE; a KRaft broker (Kafka 4.2)
 * answers UNKNOWN_TOPIC_OR_PARTITION for a moment after the create, and ListOffsets then answers
 * NOT_LEADER_OR_FOLLOWER for a moment more, which kafkajs' admin throws. So: poll the metadata
 * until every partition has a leader, for up to 30 s (and see {@link retrying}).
 */
export async function awaitLeaders(admin: Admin, topics: string[], partitions: number, timeoutMs = 30_000): Promise<void> {
  await retrying(`leaders for ${topics.join(', ')}`, async () => {
    const metadata = await admin.fetchTopicMetadata({ topics });
    if (!metadata.topics.every(t => t.partitions.length === partitions && t.partitions.every(p => p.leader >= 0))) {
      throw Object.assign(new Error(`not every partition of ${topics.join(', ')} has a leader yet`), { retriable: true });
    }
  }, timeoutMs);
}

/** Runs `call` again while it fails with a retriable Kafka error, for up to `timeoutMs`. */
export async function retrying<T>(what: string, call: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (e) {
      if (!(e as { retriable?: boolean }).retriable || Date.now() > deadline) {
        throw new Error(`${what}: ${(e as Error).message}`, { cause: e });
      }
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

function logLevelName(level: logLevel): string {
  return logLevel[level] ?? String(level);
}
