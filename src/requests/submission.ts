import { randomBytes } from 'node:crypto';

import type { Logger } from '../logger';
import { DuplicateSubmissionError } from '../store/store';
import { slackErrorCode, type Announcer } from './announcer';
import type { VerifyRequest } from './model';
import type { ApprovalView } from './notices';
import type { Actor } from './policy';
import type { ValidSubmission } from './schemas';
import type { ServiceDeps } from './service';
import { transition } from './transitions';

/** A validated request modal, with the office network and the Slack view it came from. */
export type Submission = ValidSubmission & { officeSiteId?: string; officeSiteName?: string; sourceViewId?: string };

/** Stores new requests and posts them for approval; a request that cannot be posted is cancelled. */
export class RequestSubmission {
  private readonly newId: () => string;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly clock: () => Date,
    private readonly announcer: Announcer,
    private readonly view: (request: VerifyRequest) => Promise<ApprovalView>,
  ) {
    this.newId = deps.newId ?? newRequestId;
  }

  /** Stores a valid request, posts it for approval and sends the requester a link to it. */
  async submit(actor: Actor, submission: Submission, log: Logger): Promise<VerifyRequest | undefined> {
    const now = this.clock();
    const request: VerifyRequest = {
      id: this.newId(),
      status: 'pending',
      version: 1,
      teamId: actor.teamId ?? '',
      requesterId: actor.userId,
      ...submission,
      approvals: [],
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      expiresAt: new Date(now.getTime() + this.deps.settings.requestTtlMs),
    };
    try {
      await this.deps.store.insert(request, [{ requestId: request.id, at: now, actor: actor.userId, action: 'submitted', toStatus: 'pending' }]);
    } catch (error) {
      if (!(error instanceof DuplicateSubmissionError)) throw error;
      log.info({ viewId: error.sourceViewId }, 'repeated submission of a request modal ignored');
      return undefined;
    }
    log.info({ requestId: request.id, cenId: request.cenId, regionId: request.regionId }, 'request submitted');

    return this.postForApproval(request, log);
  }

  private async postForApproval(request: VerifyRequest, log: Logger): Promise<VerifyRequest> {
    let message: { channel: string; ts: string };
    try {
      message = await this.deps.notifier.postApprovalMessage(await this.view(request));
    } catch (error) {
      return this.cancelUnposted(request, error, log);
    }

    const posted = await transition(this.deps.store, request, {
      to: 'pending',
      actor: request.requesterId,
      action: 'posted_for_approval',
      at: this.clock(),
      changes: { approvalMessage: message },
    });
    const current = posted.outcome === 'updated' ? posted.request : ((await this.deps.store.get(request.id)) ?? request);
    const permalink = await this.deps.notifier.permalink(message.channel, message.ts).catch(() => undefined);
    await this.announcer.tellRequester(current, { kind: 'submitted', permalink }, log);
    return current;
  }

  private async cancelUnposted(request: VerifyRequest, error: unknown, log: Logger): Promise<VerifyRequest> {
    const slackError = slackErrorCode(error);
    log.error({ err: error, requestId: request.id, slackError }, 'approval message could not be posted');

    const cancelled = await transition(this.deps.store, request, {
      to: 'cancelled',
      actor: 'system',
      action: 'posting_failed',
      at: this.clock(),
      changes: { closingReason: `the approval message could not be posted: ${slackError}` },
      event: { errorCode: slackError },
    });
    const current = cancelled.outcome === 'updated' ? cancelled.request : request;
    await this.announcer.tellRequester(current, { kind: 'posting_failed', slackError }, log);
    return current;
  }
}

function newRequestId(): string {
  // 32 symbols without 0/O and 1/I; 32 divides 256, so every symbol is equally likely.
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(8);
  return `CV-${Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('')}`;
}
