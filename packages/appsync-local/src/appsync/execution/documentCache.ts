// Parsed and validated documents, kept by their text so a client's repeated query is parsed once.
// AppSync caches nothing a client can see here; this is only the local runtime's speed-up, so it
// must never be what exhausts the heap: a request may be 5 MB (AppSync's request limit), and
// keeping 1,000 of them, each with its syntax tree (several times the text's size), would.
// The cache is bounded by entries and by the total length of the texts it keeps, evicts the
// least recently used first, and does not keep a document longer than a tenth of its bound.
// Documents that fail to parse are not offered to it (the engine answers them uncached).

/** The cache's bounds: entries, and total length of the kept texts (characters). */
export const DOCUMENT_CACHE_LIMITS = { maxEntries: 1000, maxChars: 4 * 1024 * 1024 } as const;

export class DocumentCache<T> {
  private readonly entries = new Map<string, T>();
  private chars = 0;

  constructor(private readonly limits: { maxEntries: number; maxChars: number } = DOCUMENT_CACHE_LIMITS) {}

  get(text: string): T | undefined {
    const value = this.entries.get(text);
    if (value !== undefined) {
      // Most recently used last: Map keeps insertion order, so eviction takes the first key.
      this.entries.delete(text);
      this.entries.set(text, value);
    }
    return value;
  }

  set(text: string, value: T): void {
    if (text.length > this.limits.maxChars / 10 || this.entries.has(text)) return;
    this.entries.set(text, value);
    this.chars += text.length;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxEntries && this.chars <= this.limits.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  /** What the cache holds now, for tests and diagnostics. */
  stats(): { entries: number; chars: number } {
    return { entries: this.entries.size, chars: this.chars };
  }
}
