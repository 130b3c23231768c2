import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { StateFile, emptyState, nextOffset, setNextOffset } from '../../src/state';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fulfilment-state-'));

describe('StateFile', () => {
  it('starts empty and reads back exactly what it saved', () => {
    const file = new StateFile(path.join(tempDir(), 'nested', 's.json'));
    file.lock();
    const state = file.load();
    assert.deepEqual(state, emptyState());
    setNextOffset(state, 'payments.outcomes.v1', 2, '18446744073709551615');
    state.fulfilled['O-1'] = { eventId: 'e', amountMinor: 1, currency: 'HKD', at: 'x' };
    file.save(state);
    assert.deepEqual(file.load(), state);
    assert.equal(nextOffset(file.load(), 'payments.outcomes.v1', 2), '18446744073709551615');
    file.unlock();
  });

  it('replaces the file by rename, leaving no temp file behind', () => {
    const dir = tempDir();
    const file = new StateFile(path.join(dir, 's.json'));
    const state = emptyState();
    file.save(state);
    const inodeBefore = fs.statSync(path.join(dir, 's.json')).ino;
    state.duplicatesIgnored = 3;
    file.save(state);
    assert.notEqual(fs.statSync(path.join(dir, 's.json')).ino, inodeBefore);
    assert.deepEqual(fs.readdirSync(dir), ['s.json']);
  });

  it('keeps a second subscriber off a state file in use, and takes over a dead one\'s lock', () => {
    const dir = tempDir();
    const stateFile = path.join(dir, 's.json');
    fs.writeFileSync(stateFile + '.lock', String(process.ppid)); // a live process that is not us
    assert.throws(() => new StateFile(stateFile).lock(), /is in use by process/);
    fs.writeFileSync(stateFile + '.lock', '2147483646'); // no such process
    const file = new StateFile(stateFile);
    file.lock();
    assert.equal(fs.readFileSync(stateFile + '.lock', 'utf8'), String(process.pid));
    file.unlock();
    assert.ok(!fs.existsSync(stateFile + '.lock'));
  });

  it('refuses a file that is not its state', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 's.json'), JSON.stringify({ version: 9 }));
    assert.throws(() => new StateFile(path.join(dir, 's.json')).load(), /not a fulfilment-ts state file/);
  });
});
