import type { Logger } from '../logger';
import type { RequestStore } from '../store/store';
import type { Announcer } from './announcer';
import { SYSTEM_ACTOR, type VerifyRequest } from './model';
import { transition } from './transitions';

export interface HousekeepingDeps {
  store: RequestStore;
  /** How long a send may take at most; a request sending for longer was left by a stopped process. */
  maxSendMs: number;
  /** How long a binding may take at most: VerifyCen, AttachCen and watching the office network. */
  maxBindMs: number;
  announcer: Announcer;
  /** Finishes a `sent` request whose office network is attached after all; returns whether it did. */
  confirmAttached: (request: VerifyRequest, log: Logger) => Promise<boolean>;
  approvers: readonly string[];
  requestTtlMs: number;
  clock: () => Date;
}

const UNSETTLED_BINDINGS = new Set(['binding_unconfirmed', 'BINDING_INTERRUPTED', 'ATTACH_OUTCOME_UNKNOWN']);

/** The app's own steps: start-up recovery, expiry after REQUEST_TTL and the half-time reminder. */
export class Housekeeping {
  private timer?: NodeJS.Timeout;

  constructor(private readonly deps: HousekeepingDeps) {}

  /**
   * Marks requests left approved or sending since before `olderThan` as `unknown`: the process
   * that was sending stopped, the code may have been emailed, so a person decides whether to retry.
   */
  async recoverInterrupted(olderThan: Date, log: Logger, bindingsOlderThan: Date = olderThan): Promise<number> {
    const stuck = await this.deps.store.listByStatus(['approved', 'sending']);
    const interrupted = stuck.filter((request) => request.updatedAt.getTime() <= olderThan.getTime());
    for (const request of interrupted) {
      const result = await transition(this.deps.store, request, {
        to: 'unknown',
        actor: SYSTEM_ACTOR,
        action: 'interrupted',
        at: this.deps.clock(),
        changes: { lastAttempt: request.lastAttempt ?? { at: request.updatedAt } },
      });
      if (result.outcome !== 'updated') continue;
      log.warn({ requestId: request.id, from: request.status }, 'request interrupted by a restart is now unknown');
      await this.deps.announcer.announce(result.request, { kind: 'interrupted' }, log);
    }
    return interrupted.length + (await this.recoverBindings(bindingsOlderThan, log));
  }

  /** Puts bindings left unfinished by a stopped process back to `sent`, so the code can be entered again. */
  private async recoverBindings(olderThan: Date, log: Logger): Promise<number> {
    const stuck = (await this.deps.store.listByStatus(['binding'])).filter((request) => request.updatedAt.getTime() <= olderThan.getTime());
    for (const request of stuck) {
      const result = await transition(this.deps.store, request, {
        to: 'sent',
        actor: SYSTEM_ACTOR,
        action: 'binding_interrupted',
        at: this.deps.clock(),
        changes: { lastBindingError: 'BINDING_INTERRUPTED' },
        event: { errorCode: 'BINDING_INTERRUPTED' },
      });
      if (result.outcome !== 'updated') continue;
      log.warn({ requestId: request.id }, 'binding interrupted by a restart');
      if (await this.deps.confirmAttached(result.request, log)) continue;
      const detail = 'The app stopped during the binding. Check the office network in the WUYING console: if it is not attached, enter the code again.';
      await this.deps.announcer.announce(result.request, { kind: 'binding_failed', errorCode: 'BINDING_INTERRUPTED', detail }, log);
    }
    return stuck.length;
  }

  /**
   * Reads the office network of requests whose binding ended without a confirmation (unconfirmed,
   * interrupted, or an AttachCen response lost) and finishes those that are attached after all.
   */
  async confirmUnsettledBindings(log: Logger): Promise<void> {
    for (const request of await this.deps.store.listByStatus(['sent'])) {
      if (!request.lastBindingError || !UNSETTLED_BINDINGS.has(request.lastBindingError)) continue;
      if (await this.deps.confirmAttached(request, log)) log.info({ requestId: request.id }, 'office network found attached');
    }
  }

  /** Expires pending requests past REQUEST_TTL, including those that expired while the app was down. */
  async expireDue(log: Logger): Promise<void> {
    const now = this.deps.clock();
    for (const request of await this.deps.store.listByStatus(['pending'])) {
      if (request.expiresAt.getTime() > now.getTime()) continue;

      const result = await transition(this.deps.store, request, {
        to: 'expired',
        actor: SYSTEM_ACTOR,
        action: 'expired',
        at: now,
        changes: { closingReason: 'not approved within REQUEST_TTL' },
      });
      if (result.outcome !== 'updated') continue;
      log.info({ requestId: request.id }, 'request expired');
      await this.deps.announcer.announce(result.request, { kind: 'expired' }, log);
    }
  }

  /** Reminds the approvers in the thread once half of REQUEST_TTL has passed. */
  async remindDue(log: Logger): Promise<void> {
    const now = this.deps.clock();
    for (const request of await this.deps.store.listByStatus(['pending'])) {
      if (!this.needsReminder(request, now)) continue;

      const result = await transition(this.deps.store, request, { to: 'pending', actor: SYSTEM_ACTOR, action: 'reminded', at: now, changes: { remindedAt: now } });
      if (result.outcome !== 'updated') continue;
      log.info({ requestId: request.id }, 'approvers reminded');
      await this.deps.announcer.remind(result.request, { kind: 'reminder', approvers: [...this.deps.approvers] }, log);
    }
  }

  /** Runs expiry, reminders and recovery of abandoned sends every interval until stop(). */
  start(intervalMs: number, log: Logger): void {
    const tick = () => {
      this.expireDue(log)
        .then(() => this.remindDue(log))
        .then(() => this.confirmUnsettledBindings(log))
        .then(() => this.recoverInterrupted(new Date(this.deps.clock().getTime() - this.deps.maxSendMs), log, new Date(this.deps.clock().getTime() - this.deps.maxBindMs)))
        .catch((error) => log.error({ err: error }, 'housekeeping failed'));
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private needsReminder(request: VerifyRequest, now: Date): boolean {
    if (request.remindedAt || !request.approvalMessage) return false;
    const halfway = request.createdAt.getTime() + this.deps.requestTtlMs / 2;
    return halfway <= now.getTime() && request.expiresAt.getTime() > now.getTime();
  }
}
