import { faker } from "@faker-js/faker/locale/en";

/**
 * Realistic words, phrases and addresses drawn from faker once, with a fixed seed, then picked from
 * per request by the fast seeded PRNG. Calling faker per value costs 10-100 µs (re-seeding it,
 * 70 µs); a pool pick costs nothing and is just as deterministic across restarts.
 */
const POOL_SIZE = 96;
const POOL_SEED = 4010;

const makers = {
  phrase: () => faker.hacker.phrase(),
  noun: () => faker.word.noun().toLowerCase().replace(/[^a-z]/g, ""),
  word: () => faker.word.sample(),
  email: () => faker.internet.email().toLowerCase(),
  url: () => faker.internet.url(),
  domain: () => faker.internet.domainName(),
  ipv4: () => faker.internet.ipv4(),
  product: () => faker.company.buzzNoun(),
} as const;

export type PoolName = keyof typeof makers;

const pools = new Map<PoolName, string[]>();

/** The pool of a kind of text, built on first use. */
export function pool(name: PoolName): string[] {
  let found = pools.get(name);
  if (!found) {
    faker.seed(POOL_SEED + Object.keys(makers).indexOf(name));
    found = Array.from({ length: POOL_SIZE }, makers[name]);
    pools.set(name, found);
  }
  return found;
}
