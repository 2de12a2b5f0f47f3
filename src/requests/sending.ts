import { EcdError } from '../alicloud/errors';
import type { Logger } from '../logger';
import { formatDuration } from '../duration';
import { slackDate } from '../slack/mrkdwn';
import type { TargetRecord, VerifyRequest } from './model';
import type { Announcer } from './announcer';
import type { Notice } from './notices';
import type { Reply, ServiceDeps } from './service';
import { transition } from './transitions';

/**
 * Sends the verification code under the retry rule: one send per approval or Retry, never again
 * on its own once the request may have reached Alibaba, and no two codes to one CEN owner target
 * within RESEND_COOLDOWN.
 */
export class CodeSending {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly clock: () => Date,
    private readonly announcer: Announcer,
  ) {}

  /** Explains why a code cannot go to this request's target now, or returns undefined. */
  async cooldownFor(request: VerifyRequest): Promise<string | undefined> {
    const target = await this.deps.store.target(request.cenId, request.cenOwnerId);
    if (!target) return undefined;

    const retryAfter = target.lastSentAt.getTime() + this.deps.settings.resendCooldownMs;
    if (retryAfter <= this.clock().getTime()) return undefined;
    return cooldownText(target, new Date(retryAfter), this.deps.settings.resendCooldownMs);
  }

  /** Starts the first send of a request that was just approved. */
  async send(request: VerifyRequest, actor: string, log: Logger): Promise<void> {
    await this.attempt(request, actor, 'send_started', log);
  }

  /** Starts another send of a failed or unknown request. */
  async retry(request: VerifyRequest, actor: string, log: Logger): Promise<Reply> {
    const blocked = await this.cooldownFor(request);
    if (blocked) return { text: blocked };

    const outcome = await this.attempt(request, actor, 'retry_started', log);
    if (outcome === 'conflict') return { text: 'Another approver is already handling this request.' };
    if (outcome === 'cooldown') return { text: (await this.cooldownFor(request)) ?? 'A code was just sent for this CEN owner; try again later.' };
    return {};
  }

  private async attempt(request: VerifyRequest, actor: string, action: string, log: Logger): Promise<'sent' | 'conflict' | 'cooldown' | 'done'> {
    const now = this.clock();
    const previous = await this.deps.store.target(request.cenId, request.cenOwnerId);
    const claimed: TargetRecord = { cenId: request.cenId, cenOwnerId: request.cenOwnerId, lastSentAt: now, requestId: request.id, requesterId: request.requesterId };
    const started = await transition(this.deps.store, request, {
      to: 'sending',
      actor,
      action,
      at: now,
      changes: { attempts: request.attempts + 1, lastAttempt: { at: now }, lastBindingError: undefined },
      claim: { notBefore: new Date(now.getTime() - this.deps.settings.resendCooldownMs), record: claimed },
    });
    if (started.outcome === 'conflict') return 'conflict';
    if (started.outcome === 'cooldown') {
      await this.blockedByCooldown(request, started.target, log);
      return 'cooldown';
    }

    const sending = started.request;
    log.info({ requestId: sending.id, attempt: sending.attempts, actor }, 'sending verification code');
    await this.announcer.refresh(sending, log);
    try {
      const { requestId } = await this.deps.ecd.sendVerifyCode({ regionId: sending.regionId, cenId: sending.cenId, cenOwnerId: sending.cenOwnerId }, log);
      await this.finish(sending, 'sent', { at: now, alibabaRequestId: requestId }, { kind: 'sent', alibabaRequestId: requestId }, log);
    } catch (thrown) {
      const error = thrown instanceof EcdError ? thrown : new EcdError('The send failed in an unexpected way; the code may have been sent.', { code: 'ECD_CONNECTION_LOST', outcome: 'unknown', retryable: false, cause: thrown });
      if (error.outcome === 'refused') await this.deps.store.releaseTarget(claimed, previous);
      const attempt = { at: now, alibabaRequestId: error.requestId, errorCode: error.alibabaCode ?? error.code, errorMessage: error.alibabaMessage ?? error.message, recommend: error.recommend };
      const notice: Notice = error.outcome === 'refused' ? { kind: 'send_failed', error } : { kind: 'send_unknown', error };
      await this.finish(sending, error.outcome === 'refused' ? 'failed' : 'unknown', attempt, notice, log);
    }
    return 'done';
  }

  private async finish(request: VerifyRequest, to: 'sent' | 'failed' | 'unknown', lastAttempt: VerifyRequest['lastAttempt'], notice: Notice, log: Logger): Promise<void> {
    const result = await transition(this.deps.store, request, {
      to,
      actor: 'system',
      action: AUDIT_ACTIONS[to],
      at: this.clock(),
      changes: { lastAttempt },
      event: { alibabaRequestId: lastAttempt?.alibabaRequestId, errorCode: lastAttempt?.errorCode },
    });
    // Only this process moves a request out of `sending`, so a conflict means the store changed under it.
    const current = result.outcome === 'updated' ? result.request : request;
    if (result.outcome !== 'updated') log.error({ requestId: request.id, to }, 'request changed while its code was being sent');

    const fields = { requestId: request.id, status: to, alibabaRequestId: lastAttempt?.alibabaRequestId, errorCode: lastAttempt?.errorCode };
    if (to === 'sent') log.info(fields, 'verification code sent');
    else log.warn(fields, 'verification code not sent');
    await this.announcer.announce(current, notice, log);
  }

  private async blockedByCooldown(request: VerifyRequest, target: TargetRecord, log: Logger): Promise<void> {
    const retryAfter = new Date(target.lastSentAt.getTime() + this.deps.settings.resendCooldownMs);
    log.warn({ requestId: request.id, holder: target.requestId }, 'send blocked by resend cooldown');
    if (request.status === 'approved') {
      const failed = await transition(this.deps.store, request, {
        to: 'failed',
        actor: 'system',
        action: 'send_blocked_by_cooldown',
        at: this.clock(),
        changes: { lastAttempt: { at: this.clock(), errorCode: 'RESEND_COOLDOWN', errorMessage: `A code for this CEN owner was requested on request ${target.requestId}.` } },
        event: { errorCode: 'RESEND_COOLDOWN', detail: target.requestId },
      });
      if (failed.outcome === 'updated') await this.announcer.announce(failed.request, { kind: 'send_blocked', target, retryAfter }, log);
    }
  }
}

const AUDIT_ACTIONS = { sent: 'code_sent', failed: 'send_failed', unknown: 'send_outcome_unknown' } as const;

/** Explains privately why no code can go to the target yet, and when one can. */
export function cooldownText(target: TargetRecord, retryAfter: Date, cooldownMs: number): string {
  return (
    `A code for this CEN owner was last requested from Alibaba ${slackDate(target.lastSentAt)} on request ${target.requestId} ` +
    `(asked by <@${target.requesterId}>). RESEND_COOLDOWN allows one code per ${formatDuration(cooldownMs)}: ` +
    `try again after ${slackDate(retryAfter)}.`
  );
}
