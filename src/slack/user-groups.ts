import type { WebClient } from '@slack/web-api';

import type { Logger } from '../logger';
import type { GroupDirectory } from '../requests/policy';

interface CachedMembers {
  users: string[];
  fetchedAt: number;
}

/**
 * Reads user group members with usergroups.users.list, cached briefly. A failed or slow lookup
 * throws, so the policy refuses rather than allows.
 */
export class SlackGroupDirectory implements GroupDirectory {
  private readonly cache = new Map<string, CachedMembers>();

  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
    private readonly ttlMs = 60_000,
    private readonly timeoutMs = 1_500,
    private readonly clock: () => number = Date.now,
  ) {}

  async members(groupId: string): Promise<string[]> {
    const cached = this.cache.get(groupId);
    if (cached && this.clock() - cached.fetchedAt < this.ttlMs) return cached.users;

    try {
      const result = await withTimeout(this.client.usergroups.users.list({ usergroup: groupId }), this.timeoutMs);
      const users = result.users ?? [];
      this.cache.set(groupId, { users, fetchedAt: this.clock() });
      return users;
    } catch (error) {
      this.log.error({ err: error, groupId }, 'user group lookup failed');
      throw error;
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
