import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the subscriber remembers of one event it has handled (keyed by eventId). */
export interface SeenEvent {
  type: string;
  orderNo: string;
  /** topic[partition]@offset of the first copy handled. */
  firstAt: string;
}

/** An order handed to fulfilment: the book of record, keyed by order number. */
export interface Fulfilment {
  eventId: string;
  amountMinor: number;
  currency: string;
  at: string;
}

/**
 * Everything the subscriber knows, written as one file in one step: the next offset to read per
 * topic partition and the facts those offsets produced. Because both change together, a crash at
 * any moment leaves a state whose offsets and facts agree, and a restart resumes exactly there.
 */
export interface SubscriberState {
  version: 1;
  /** topic → partition → the next offset to read (the last handled offset + 1). */
  positions: Record<string, Record<string, string>>;
  events: Record<string, SeenEvent>;
  fulfilled: Record<string, Fulfilment>;
  /** Copies of already-handled events that were ignored (replays, redeliveries). */
  duplicatesIgnored: number;
}

export function emptyState(): SubscriberState {
  return { version: 1, positions: {}, events: {}, fulfilled: {}, duplicatesIgnored: 0 };
}

export function nextOffset(state: SubscriberState, topic: string, partition: number): string | undefined {
  return state.positions[topic]?.[String(partition)];
}

export function setNextOffset(state: SubscriberState, topic: string, partition: number, next: string): void {
  (state.positions[topic] ??= {})[String(partition)] = next;
}

/**
 * The state file: read once at start, replaced atomically after every batch (write a temp file in
 * the same folder, fsync it, rename it over the old one, fsync the folder). A reader never sees a
 * half-written file: it finds the old state or the new one. A lock file (O_EXCL, holding the pid)
 * keeps a second subscriber off the same state.
 */
export class StateFile {
  private readonly lockPath: string;
  private locked = false;

  constructor(readonly file: string) {
    this.lockPath = file + '.lock';
  }

  /** Takes the lock; a lock left by a process that no longer runs is taken over. */
  lock(): void {
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = fs.openSync(this.lockPath, 'wx');
        fs.writeSync(fd, String(process.pid));
        fs.closeSync(fd);
        this.locked = true;
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw e;
        }
        const holder = Number(fs.readFileSync(this.lockPath, 'utf8').trim());
        if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
          throw new Error(`${this.file} is in use by process ${holder} (lock ${this.lockPath}); one subscriber per state file`);
        }
        fs.rmSync(this.lockPath, { force: true }); // left by a crashed run
      }
    }
    throw new Error(`could not take the lock ${this.lockPath}`);
  }

  unlock(): void {
    if (this.locked) {
      fs.rmSync(this.lockPath, { force: true });
      this.locked = false;
    }
  }

  load(): SubscriberState {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        return emptyState();
      }
      throw e;
    }
    const parsed = JSON.parse(text) as SubscriberState;
    if (parsed.version !== 1 || typeof parsed.positions !== 'object' || typeof parsed.events !== 'object'
        || typeof parsed.fulfilled !== 'object') {
      throw new Error(`${this.file} is not a fulfilment-ts state file (version ${String(parsed.version)})`);
    }
    return parsed;
  }

  save(state: SubscriberState): void {
    const dir = path.dirname(path.resolve(this.file));
    const temp = path.join(dir, `.${path.basename(this.file)}.${process.pid}.tmp`);
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeSync(fd, JSON.stringify(state));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, this.file);
    const dirFd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
