import * as fs from 'node:fs';
import { env } from './env';

export interface CatalogueTopic {
  name: string;
  partitions: number;
  events: string[];
}

/** Which event types go on which topic: PaymentTopics (Java), exported by the JUnit test. */
export function loadCatalogue(): CatalogueTopic[] {
  if (!env.catalogue) {
    throw new Error('TOPIC_CATALOGUE is not set: the topic catalogue comes from PaymentTopics (the JUnit test writes it)');
  }
  return (JSON.parse(fs.readFileSync(env.catalogue, 'utf8')) as { topics: CatalogueTopic[] }).topics;
}

/** Topics carrying the event type; empty when the catalogue does not know it. */
export function topicsOf(catalogue: CatalogueTopic[], eventType: string): string[] {
  return catalogue.filter(topic => topic.events.includes(eventType)).map(topic => topic.name);
}

/** topic → event type → counts, the shape of the closing report. */
export type Tally = Record<string, Record<string, { written: number; decoded: number }>>;

export function count(tally: Tally, topic: string, type: string, field: 'written' | 'decoded'): void {
  const entry = ((tally[topic] ??= {})[type] ??= { written: 0, decoded: 0 });
  entry[field]++;
}
