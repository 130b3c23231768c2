import type { Type } from 'avsc';

/**
 * Values for any Avro type, made from the schema alone, so that every event type the registry
 * lists (today's and tomorrow's) is covered:
 * - `empty`: every union takes its null branch, strings are empty, numbers zero, arrays empty;
 * - `full`: every union takes its non-null branch, strings carry unicode, quotes, controls and
 *   astral characters, longs are 2^53 - 1 (the largest a number holds exactly), ints 2^31 - 1;
 * - `negative`: the same with -(2^53 - 1) and -2^31 and a 2,000-character string;
 * - `random-N`: seeded pseudo-random values (reproducible: the seed is in the test's name).
 */
export type Variant = 'empty' | 'full' | 'negative' | `random-${number}`;

const UNICODE = '注文 №42 — ü ß 🚀 "quoted" \\ back\nslash\ttab \u0000 nul \u2028 end';

export function generate(type: Type, variant: Variant): unknown {
  const random = variant.startsWith('random-') ? mulberry32(Number(variant.substring(7))) : undefined;
  return value(type, variant, random);
}

function value(type: Type, variant: Variant, random?: () => number): unknown {
  const t = type as Type & { typeName: string; fields?: { name: string; type: Type }[]; types?: Type[]; itemsType?: Type; valuesType?: Type; symbols?: string[]; size?: number };
  const name = t.typeName.startsWith('union') ? 'union' : t.typeName;
  switch (name) {
    case 'record':
    case 'error': {
      const out: Record<string, unknown> = {};
      for (const field of t.fields!) {
        out[field.name] = value(field.type, variant, random);
      }
      return out;
    }
    case 'union': {
      const branches = t.types!;
      const nullIndex = branches.findIndex(branch => branch.typeName === 'null');
      let pick: number;
      if (random) {
        pick = Math.floor(random() * branches.length);
      } else if (variant === 'empty' && nullIndex >= 0) {
        pick = nullIndex;
      } else {
        pick = branches.findIndex(branch => branch.typeName !== 'null');
      }
      const branchValue = value(branches[pick], variant, random);
      return t.typeName === 'union:wrapped' && branchValue !== null ? { [branches[pick].branchName!]: branchValue } : branchValue;
    }
    case 'null':
      return null;
    case 'string':
      if (random) {
        return randomString(random);
      }
      return variant === 'empty' ? '' : variant === 'negative' ? 'x'.repeat(1999) + '🚀' : UNICODE;
    case 'long':
    case 'abstract:long':
      if (random) {
        return Math.floor((random() * 2 - 1) * Number.MAX_SAFE_INTEGER);
      }
      return variant === 'empty' ? 0 : variant === 'full' ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER;
    case 'int':
      if (random) {
        return Math.floor((random() * 2 - 1) * 2 ** 31);
      }
      return variant === 'empty' ? 0 : variant === 'full' ? 2 ** 31 - 1 : -(2 ** 31);
    case 'boolean':
      return random ? random() < 0.5 : variant === 'full';
    case 'float':
    case 'double':
      return random ? Math.fround(random() * 1000) : variant === 'empty' ? 0 : variant === 'full' ? 1.5 : -2.25;
    case 'bytes':
      return variant === 'empty' && !random ? Buffer.alloc(0) : Buffer.from(Array.from({ length: 7 }, (_, i) => (i * 37 + 255) % 256));
    case 'fixed':
      return Buffer.alloc(t.size!, variant === 'empty' ? 0 : 0xff);
    case 'enum': {
      const symbols = t.symbols!;
      return random ? symbols[Math.floor(random() * symbols.length)] : variant === 'empty' ? symbols[0] : symbols[symbols.length - 1];
    }
    case 'array': {
      const count = random ? Math.floor(random() * 4) : variant === 'empty' ? 0 : 3;
      return Array.from({ length: count }, () => value(t.itemsType!, variant, random));
    }
    case 'map': {
      const count = random ? Math.floor(random() * 4) : variant === 'empty' ? 0 : 2;
      return Object.fromEntries(Array.from({ length: count }, (_, i) => [`key-${i}-ü`, value(t.valuesType!, variant, random)]));
    }
    default:
      throw new Error(`no generator for Avro type ${t.typeName}: teach test/support/generate.ts`);
  }
}

const POOL = 'abcXYZ019 -_./:@€ü注文🚀\n"\\';

function randomString(random: () => number): string {
  const length = Math.floor(random() * 40);
  const chars = Array.from(POOL);
  return Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
}

/** A small seeded PRNG, so a failing random case can be reproduced from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
