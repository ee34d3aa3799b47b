/**
 * Generated bodies by request identity. Bodies are a pure function of the request and the seed, so
 * a repeated request (a dashboard polling, a client retrying) is answered from here with the same
 * bytes it would get by generating again. Bounded; the least recently used entry goes first.
 */
export class ResponseCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly capacity = 2000) {}

  get(key: string): string | undefined {
    const body = this.entries.get(key);
    if (body !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, body);
    }
    return body;
  }

  set(key: string, body: string): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, body);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
