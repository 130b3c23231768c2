import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import * as avro from 'avsc';
import type { Schema, Type } from 'avsc';
import { DecodedEvent, RecordRef, RegistryUnavailableError, UnprocessableRecordError } from './records';

/** Magic byte 0, then the writer schema's registry id as a big-endian 32-bit int, then Avro binary. */
export const WIRE_HEADER_BYTES = 5;
export const WIRE_MAGIC_BYTE = 0;

export function frame(schemaId: number, avroBody: Buffer): Buffer {
  const header = Buffer.alloc(WIRE_HEADER_BYTES);
  header.writeUInt8(WIRE_MAGIC_BYTE, 0);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, avroBody]);
}

/** The registry's Confluent-compatible API under its root URL (Apicurio serves it at /apis/ccompat/v7). */
export function confluentApiUrl(registryRootUrl: string): string {
  return registryRootUrl.replace(/\/+$/, '') + '/apis/ccompat/v7';
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Avro `long` as a JavaScript number, exact or not at all. avsc's own long refuses values beyond
 * +-(2^53 - 2), one short of the safe range; this one reads the full 64 bits and gives a number
 * for every value in +-(2^53 - 1) and an error for anything else (never a rounded amount).
 */
export const EXACT_LONG: Type = avro.types.LongType.__with({
  fromBuffer(buf: Buffer): number {
    const value = buf.readBigInt64LE();
    if (value > MAX_EXACT || value < -MAX_EXACT) {
      throw new Error(`long ${value} is outside +-(2^53 - 1): a JavaScript number would round it`);
    }
    return Number(value);
  },
  toBuffer(n: number): Buffer {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: (n: unknown) => Number(n),
  toJSON: (n: number) => n,
  isValid: (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n),
  compare: (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0),
});

/** avsc's typeHook: every `long` in a schema (timestamp-millis included) becomes {@link EXACT_LONG}. */
export function exactLongs(schema: Schema): Type | undefined {
  if (schema === 'long' || (typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'long')) {
    return EXACT_LONG;
  }
  return undefined;
}

/** Looks a writer schema up by id; the answer is an avsc type whose `name` is the record's full name. */
export interface WriterSchemas {
  byId(schemaId: number): Promise<Type>;
}

/** The registry through @kafkajs/confluent-schema-registry (one request per id, then cached). */
export class RegistryWriterSchemas implements WriterSchemas {
  private readonly registry: SchemaRegistry;

  constructor(registryRootUrl: string) {
    this.registry = new SchemaRegistry(
      { host: confluentApiUrl(registryRootUrl), clientId: 'fulfilment-ts', retry: { retries: 3, maxRetryTimeInSecs: 2 } },
      { [SchemaType.AVRO]: { typeHook: exactLongs } },
    );
  }

  async byId(schemaId: number): Promise<Type> {
    try {
      return (await this.registry.getSchema(schemaId)) as unknown as Type;
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status !== undefined && status >= 400 && status < 500) {
        throw new UnknownSchemaError(schemaId, status, e);
      }
      throw new RegistryUnavailableError(`schema registry did not answer for schema id ${schemaId}: ${(e as Error).message}`, { cause: e });
    }
  }
}

export class UnknownSchemaError extends Error {
  constructor(readonly schemaId: number, readonly status: number, cause: unknown) {
    super(`the registry has no schema with id ${schemaId} (HTTP ${status})`, { cause });
    this.name = 'UnknownSchemaError';
  }
}

/**
 * Turns a record value into an event, generically: any event type the registry knows decodes,
 * including ones added after this subscriber was written. The writer schema is the one behind the
 * record's id; no reader schema is applied, so what the handler sees is exactly what was written
 * and the handler checks the fields it needs itself.
 *
 * Strict on purpose: trailing bytes after the Avro body, a truncated body, and a long outside
 * +-(2^53 - 1) (a number would round it, and a rounded amount is worse than a stop) all fail.
 */
export class EventDecoder {
  constructor(private readonly schemas: WriterSchemas) {}

  async decode(value: Buffer | null, ref: RecordRef): Promise<DecodedEvent> {
    if (value === null) {
      throw new UnprocessableRecordError(ref, 'the value is null (a tombstone); outcome topics carry no tombstones');
    }
    if (value.length < WIRE_HEADER_BYTES || value.readUInt8(0) !== WIRE_MAGIC_BYTE) {
      throw new UnprocessableRecordError(ref,
        `not in the Confluent wire format (${value.length} bytes, first byte ${value.length === 0 ? 'none' : value.readUInt8(0)})`);
    }
    const schemaId = value.readInt32BE(1);
    let type: Type;
    try {
      type = await this.schemas.byId(schemaId);
    } catch (e) {
      if (e instanceof UnknownSchemaError) {
        throw new UnprocessableRecordError(ref, e.message, { cause: e });
      }
      throw e;
    }
    if (type.typeName !== 'record' || !type.name) {
      throw new UnprocessableRecordError(ref, `schema id ${schemaId} is not an Avro record schema (${type.typeName})`);
    }
    try {
      const decoded = type.fromBuffer(value.subarray(WIRE_HEADER_BYTES)) as Record<string, unknown>;
      return { type: type.name, schemaId, value: decoded };
    } catch (e) {
      throw new UnprocessableRecordError(ref, `the body does not decode as ${type.name} (schema id ${schemaId}): ${(e as Error).message}`, { cause: e });
    }
  }
}
