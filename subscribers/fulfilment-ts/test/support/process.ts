import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SubscriberState } from '../../src/state';
import { env, until } from './env';

const MAIN = path.resolve(__dirname, '../../src/main.js');
const REPOSITORY = path.resolve(__dirname, '../../../../..');

export interface SubscriberRun {
  stateFile: string;
  group: string;
  sourceTopic?: string;
  replayTopic?: string;
}

/** The subscriber as an operator runs it: `node dist/src/main.js`, its own process, settings in the environment. */
export class SubscriberProcess {
  readonly out: string[] = [];
  readonly err: string[] = [];
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(readonly name: string, readonly run: SubscriberRun) {
    this.child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        SPRING_KAFKA_BOOTSTRAP_SERVERS: env.brokers.join(','),
        REGISTRY_URL: env.registryUrl,
        FULFILMENT_STATE: run.stateFile,
        FULFILMENT_GROUP: run.group,
        FULFILMENT_SESSION_TIMEOUT_MS: '6000', // the broker's minimum: a restart after kill -9 waits this long for the partitions
        ...(run.sourceTopic ? { FULFILMENT_SOURCE_TOPIC: run.sourceTopic } : {}),
        ...(run.replayTopic ? { FULFILMENT_REPLAY_TOPIC: run.replayTopic } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    collectLines(this.child.stdout!, line => { this.out.push(line); console.log(`[${name} out] ${line}`); });
    collectLines(this.child.stderr!, line => { this.err.push(line); console.log(`[${name} err] ${line}`); });
    this.exited = new Promise(resolve => this.child.once('exit', code => resolve(code)));
    running.add(this);
    void this.exited.then(() => running.delete(this));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Waits until the subscriber has joined and sought its partitions. */
  async assigned(timeoutMs = 60_000): Promise<void> {
    await until(`${this.name} to be assigned its partitions`, timeoutMs, async () => {
      if (this.child.exitCode !== null) {
        throw new Error(`${this.name} exited ${this.child.exitCode}: ${this.err.join('\n')}`);
      }
      return this.err.some(line => line.includes(' assigned; resuming at ')) ? true : undefined;
    });
  }

  linesFor(orderNo: string): string[] {
    return this.out.filter(line => line.includes(` order=${orderNo} `));
  }

  async exitCode(timeoutMs = 60_000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.name} did not exit within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A crash: SIGKILL, no chance to tidy up (the lock file stays behind). */
  async crash(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exitCode();
  }

  /** What Ctrl-C does: finish the batch, write the state, disconnect. */
  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exitCode();
  }
}

const running = new Set<SubscriberProcess>();

/** Kills whatever a failed test left running. */
export function killAll(): void {
  for (const subscriber of running) {
    try {
      process.kill(subscriber.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.once('exit', killAll);

export function readState(file: string): SubscriberState | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SubscriberState;
  } catch {
    return undefined;
  }
}

/** `bin/ops ...` the way an operator runs it (the exec jar the build copied, or the repository's bin/ops). */
export async function ops(args: string[], timeoutMs = 180_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const connection = ['--bootstrap-servers', env.brokers.join(','), '--registry-url', env.registryUrl, '--timeout', '60'];
  const [command, commandArgs] = env.opsJar
    ? [env.java, ['-XX:TieredStopAtLevel=1', '-jar', env.opsJar, ...args, ...connection]]
    : [path.join(REPOSITORY, 'bin', 'ops'), [...args, ...connection]];
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearTimeout(timer));
  console.log(`[ops ${args.join(' ')}] exit ${code}\n${stdout}${stderr}`);
  return { code, stdout, stderr };
}

function collectLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      onLine(pending.substring(0, newline));
      pending = pending.substring(newline + 1);
    }
  });
  stream.on('end', () => {
    if (pending.length > 0) {
      onLine(pending);
    }
  });
}
