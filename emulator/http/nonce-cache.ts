/**
 * Remembers signature nonces for the replay window. A request is only accepted while its
 * timestamp is within the window of the server clock, so a nonce needs remembering only until
 * then; entries expire in insertion order, which keeps memory bounded by rate × window.
 * `maxEntries` is a hard ceiling against floods: past it the oldest nonces are forgotten first.
 */
export class NonceCache {
  /** nonce → epoch ms after which it may be forgotten. Map keeps insertion order. */
  private readonly entries = new Map<string, number>();
  /**
   * Expiry of the first (oldest-inserted) entry, or -Infinity when not known. Sweeping stops at
   * the first entry still valid, so before this instant it has nothing to do: checking the
   * number saves walking an iterator on every call. Entries are only appended and only removed
   * from the front, and every removal forgets this value.
   */
  private frontExpiresAt = -Infinity;

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 2_000_000,
  ) {}

  /** Records the nonce; returns false when it was already seen inside the window. */
  remember(nonce: string, requestTimeMs: number, nowMs: number): boolean {
    this.sweep(nowMs);
    if (this.entries.has(nonce)) return false;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
      this.frontExpiresAt = -Infinity;
    }
    this.entries.set(nonce, Math.max(requestTimeMs, nowMs) + this.windowMs);
    return true;
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(nowMs: number): void {
    if (nowMs < this.frontExpiresAt) return;
    for (const [nonce, expiresAt] of this.entries) {
      if (expiresAt > nowMs) {
        this.frontExpiresAt = expiresAt;
        return;
      }
      this.entries.delete(nonce);
    }
    this.frontExpiresAt = -Infinity;
  }
}
