/** Settings from the environment (the same names the services and bin/ops use where they overlap). */
export interface Settings {
  brokers: string[];
  registryUrl: string;
  groupId: string;
  sourceTopic: string;
  replayTopic: string;
  stateFile: string;
  sessionTimeoutMs: number;
}

export const USAGE = `fulfilment-ts: prints what it would fulfil from payments.outcomes.v1 (and its replay topic)

Environment:
  SPRING_KAFKA_BOOTSTRAP_SERVERS  brokers, comma-separated      (default 127.0.0.1:9092; KAFKA_BOOTSTRAP_SERVERS also read)
  REGISTRY_URL                    the registry's root URL       (default http://127.0.0.1:8085)
  FULFILMENT_GROUP                consumer group (assignment and 'ops lag' only)  (default fulfilment-ts)
  FULFILMENT_SOURCE_TOPIC         (default payments.outcomes.v1)
  FULFILMENT_REPLAY_TOPIC         replay topic only this subscriber reads, created if missing (default replay.fulfilment.v1)
  FULFILMENT_STATE                state file: offsets + what was fulfilled  (default ./fulfilment.state.json)
  FULFILMENT_SESSION_TIMEOUT_MS   how long the group waits for a crashed run before a restart gets its partitions (default 10000)

Exit codes: 0 stopped (SIGINT/SIGTERM) - 1 could not run (settings, broker, state file) - 2 a record it cannot decode or handle`;

export function settingsFrom(env: NodeJS.ProcessEnv): Settings {
  const brokers = (env.SPRING_KAFKA_BOOTSTRAP_SERVERS ?? env.KAFKA_BOOTSTRAP_SERVERS ?? '127.0.0.1:9092')
    .split(',').map(s => s.trim()).filter(s => s.length > 0);
  if (brokers.length === 0) {
    throw new Error('SPRING_KAFKA_BOOTSTRAP_SERVERS is empty');
  }
  const settings: Settings = {
    brokers,
    registryUrl: env.REGISTRY_URL ?? 'http://127.0.0.1:8085',
    groupId: env.FULFILMENT_GROUP ?? 'fulfilment-ts',
    sourceTopic: env.FULFILMENT_SOURCE_TOPIC ?? 'payments.outcomes.v1',
    replayTopic: env.FULFILMENT_REPLAY_TOPIC ?? 'replay.fulfilment.v1',
    stateFile: env.FULFILMENT_STATE ?? 'fulfilment.state.json',
    sessionTimeoutMs: Number(env.FULFILMENT_SESSION_TIMEOUT_MS ?? 10_000),
  };
  if (!Number.isInteger(settings.sessionTimeoutMs) || settings.sessionTimeoutMs < 6_000) {
    throw new Error('FULFILMENT_SESSION_TIMEOUT_MS must be an integer of at least 6000 (the broker\'s group.min.session.timeout.ms)');
  }
  if (settings.sourceTopic === settings.replayTopic) {
    throw new Error('FULFILMENT_REPLAY_TOPIC must differ from FULFILMENT_SOURCE_TOPIC');
  }
  new URL(settings.registryUrl); // throws on a malformed URL
  return settings;
}
