/** Signature nonces seen recently, so a replayed request can be rejected. */
export class NonceRegistry {
  /** Nonce key to the time it was first seen in milliseconds since the epoch, oldest first. */
  private readonly seen = new Map<string, number>();

  /** @param retentionMs how long a nonce is kept, at least the whole timestamp window */
  constructor(private readonly retentionMs: number) {}

  /** Records the nonce and returns true, or returns false when it was already used. */
  claim(accessKeyId: string, nonce: string, now: Date): boolean {
    this.forgetOlderThan(now.getTime() - this.retentionMs);

    const key = `${accessKeyId}\n${nonce}`;
    if (this.seen.has(key)) {
      return false;
    }
    this.seen.set(key, now.getTime());
    return true;
  }

  private forgetOlderThan(cutoffMs: number): void {
    for (const [key, seenAt] of this.seen) {
      if (seenAt >= cutoffMs) {
        return;
      }
      this.seen.delete(key);
    }
  }
}
