import type { Faker } from "@faker-js/faker";
// The English-only entry point: importing the package root loads every locale (~0.3 s at start-up).
import { faker } from "@faker-js/faker/locale/en";

/**
 * The source of randomness for one response. One Faker instance is reused for every request and
 * re-seeded per request: building a Faker is costly, seeding it is cheap, and a request is handled
 * synchronously from seed to body, so no other request can interleave.
 */
const shared: Faker = faker;

export interface Random {
  faker: Faker;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function seededRandom(seed: number): Random {
  shared.seed(seed >>> 0);
  const next = mulberry32(seed);
  return {
    faker: shared,
    next,
    int: (min, max) => (max <= min ? min : min + Math.floor(next() * (max - min + 1))),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** A 32-bit FNV-1a hash: request identity and seed become one faker seed. */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small, fast PRNG for numbers; faker (seeded alongside) supplies realistic words. */
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
