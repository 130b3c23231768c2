#!/usr/bin/env node
import { EventDecoder, RegistryWriterSchemas } from './decoding';
import { USAGE, settingsFrom } from './config';
import { StateFile } from './state';
import { FulfilmentSubscriber } from './subscriber';

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const settings = settingsFrom(process.env);
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const subscriber = new FulfilmentSubscriber({
    brokers: settings.brokers,
    groupId: settings.groupId,
    sessionTimeoutMs: settings.sessionTimeoutMs,
    topics: [settings.sourceTopic, settings.replayTopic],
    ownedTopics: [settings.replayTopic],
    decoder: new EventDecoder(new RegistryWriterSchemas(settings.registryUrl)),
    stateFile: new StateFile(settings.stateFile),
    out: line => process.stdout.write(line + '\n'),
    log,
  });
  const onSignal = (signal: string) => {
    log(`${signal}: stopping after the batch in progress`);
    void subscriber.stop();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  await subscriber.start();
  log(`reading ${settings.sourceTopic} and ${settings.replayTopic} (read_committed) as ${settings.groupId}; state ${settings.stateFile}; pid ${process.pid}`);
  const reason = await subscriber.stopped;
  switch (reason.kind) {
    case 'stopped':
      log('stopped');
      return 0;
    case 'unprocessable':
      log(`FATAL ${reason.error.message}`);
      log('The state file keeps every record before it; nothing after it was handled. Fix the producer or the '
        + 'subscriber, then start again: it resumes at this record.');
      return 2;
    default:
      log(`FATAL ${reason.error.message}`);
      return 1;
  }
}

// Explicit exit: kafkajs may leave timers behind, and stdout/stderr are synchronous for files and pipes on Linux.
main().then(code => process.exit(code), (e: Error) => {
  process.stderr.write(`${new Date().toISOString()} FATAL ${e.message}\n`);
  process.exit(1);
});
