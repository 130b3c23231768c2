/** Where a record sits in Kafka: what every error and every printed line names. */
export interface RecordRef {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export function describeRef(ref: RecordRef): string {
  return `${ref.topic}[${ref.partition}]@${ref.offset}`;
}

/** An event decoded from the wire format: the writer schema's full name and the Avro value. */
export interface DecodedEvent {
  readonly type: string;
  readonly schemaId: number;
  readonly value: Record<string, unknown>;
}

/**
 * A record this subscriber cannot turn into an event it understands: bytes that are not the
 * Confluent wire format, a schema id the registry does not know, a body that does not match its
 * schema, a long that a JavaScript number would round, an event type it has no rule for. Never
 * skipped: the subscriber stops on it (exit code 2) with the record's topic, partition and offset.
 */
export class UnprocessableRecordError extends Error {
  constructor(readonly ref: RecordRef, readonly reason: string, options?: { cause?: unknown }) {
    super(`cannot process ${describeRef(ref)}: ${reason}`, options);
    this.name = 'UnprocessableRecordError';
  }
}

/** The registry did not answer (network, 5xx): nothing is wrong with the record; try again later. */
export class RegistryUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RegistryUnavailableError';
  }
}
