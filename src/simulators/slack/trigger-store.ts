import { randomBytes, randomInt } from 'node:crypto';

import { SlackMethodError } from './method-error';
import type { Clock } from './types';

/** Slack accepts a trigger_id for 3 seconds after the interaction that issued it. */
export const TRIGGER_LIFETIME_MS = 3000;

export interface Trigger {
  id: string;
  userId: string;
  issuedAt: number;
  used: boolean;
  /** The open view the interaction happened in; `views.push` stacks onto it. */
  viewId?: string;
}

/** The trigger IDs the simulator issued with interactions, and whether they were exchanged. */
export class TriggerStore {
  private readonly triggers = new Map<string, Trigger>();

  constructor(private readonly clock: Clock) {}

  issue(userId: string, viewId?: string): string {
    const id = `${randomInt(1e10, 9e10)}.${randomInt(1e10, 9e10)}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { id, userId, issuedAt: this.clock.now(), used: false, viewId });
    return id;
  }

  /** Marks a trigger used; throws Slack's error for an unknown, used or expired trigger. */
  exchange(id: string | undefined): Trigger {
    const trigger = id === undefined ? undefined : this.triggers.get(id);
    if (!trigger) throw new SlackMethodError('invalid_trigger_id');
    if (trigger.used) throw new SlackMethodError('exchanged_trigger_id');
    if (this.clock.now() - trigger.issuedAt > TRIGGER_LIFETIME_MS) {
      throw new SlackMethodError('expired_trigger_id');
    }
    trigger.used = true;
    return trigger;
  }
}
