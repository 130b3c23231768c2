import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * What the integration suite is pointed at. The JUnit test (FulfilmentSubscriberStackTest) starts
 * the local stack's infrastructure and sets these; against `bin/local-stack --infrastructure-only`
 * set the first two by hand (see README "Subscribe in ten minutes").
 */
export const env = {
  brokers: required('SPRING_KAFKA_BOOTSTRAP_SERVERS').split(','),
  registryUrl: required('REGISTRY_URL'),
  /** {"topics":[{"name","partitions","events":[full names]}]}, written from PaymentTopics by the JUnit test. */
  catalogue: process.env.TOPIC_CATALOGUE,
  /** Records the Java services' serializer wrote, with their expected values (JUnit test). */
  javaSamples: process.env.JAVA_SAMPLES,
  /** The ops-cli exec jar and the java that runs it; without them `bin/ops` of this repository is used. */
  opsJar: process.env.OPS_JAR,
  java: process.env.OPS_JAVA ?? 'java',
  workDir: process.env.FULFILMENT_WORK_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fulfilment-ts-it-')),
};
fs.mkdirSync(env.workDir, { recursive: true });

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: the integration suite runs against a real broker and registry`);
  }
  return value;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs` naming what it waited for. */
export async function until<T>(what: string, timeoutMs: number, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== undefined) {
        return result;
      }
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

/** Writes one part of the closing decode report (the JUnit test prints the table from all parts). */
export function writeReport(name: string, content: unknown): void {
  fs.writeFileSync(path.join(env.workDir, `report-${name}.json`), JSON.stringify(content, null, 2));
}
