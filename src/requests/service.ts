import type { Logger } from '../logger';
import type { RequestStore } from '../store/store';
import { describeStatus } from './lifecycle';
import type { VerifyRequest } from './model';
import { Announcer } from './announcer';
import type { ApprovalView, EcdOperations, RequestNotifier } from './notices';
import type { Actor, ApprovalPolicy } from './policy';
import { CenBinding, DEFAULT_ATTACH_POLLING, type AttachPolling } from './binding';
import { CodeSending } from './sending';
import { RequestSubmission, type Submission } from './submission';
import { transition } from './transitions';

export interface ServiceSettings {
  requiredApprovals: number;
  requestTtlMs: number;
  resendCooldownMs: number;
}

export interface ServiceDeps {
  store: RequestStore;
  notifier: RequestNotifier;
  ecd: EcdOperations;
  policy: ApprovalPolicy;
  settings: ServiceSettings;
  clock?: () => Date;
  newId?: () => string;
  attachPolling?: AttachPolling;
}

/** The private reply to the person who clicked; undefined when the message itself is enough. */
export interface Reply {
  text?: string;
}

const MAX_CONFLICT_RETRIES = 5;

/** Runs each step of a request: submission, approval, rejection, cancellation and retries. */
export class RequestService {
  readonly sending: CodeSending;
  readonly binding: CenBinding;
  readonly announcer: Announcer;
  private readonly submission: RequestSubmission;
  private readonly clock: () => Date;

  /** The store, for listeners that only read a request. */
  get store(): ServiceDeps['store'] {
    return this.deps.store;
  }

  constructor(private readonly deps: ServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.announcer = new Announcer(deps.notifier, (request) => this.view(request));
    this.submission = new RequestSubmission(deps, this.clock, this.announcer, (request) => this.view(request));
    this.sending = new CodeSending(deps, this.clock, this.announcer);
    this.binding = new CenBinding(deps, this.clock, this.announcer, deps.attachPolling ?? DEFAULT_ATTACH_POLLING);
  }

  /** Stores a valid request, posts it for approval and sends the requester a link to it. */
  submit(actor: Actor, submission: Submission, log: Logger): Promise<VerifyRequest | undefined> {
    return this.submission.submit(actor, submission, log);
  }

  /** Records an approval; the last one needed approves the request and sends the code. */
  async approve(requestId: string, actor: Actor, log: Logger): Promise<Reply> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const request = await this.deps.store.get(requestId);
      if (!request) return { text: 'This request was not found.' };

      const decision = await this.deps.policy.mayApprove(actor, request);
      if (!decision.allowed) return { text: decision.reason };
      if (request.status !== 'pending') return { text: alreadyHandled(request) };
      if (request.expiresAt.getTime() <= this.clock().getTime()) return this.expireOnClick(request, log);
      if (request.approvals.some((approval) => approval.userId === actor.userId)) {
        return { text: `You have already approved this request; it needs ${this.missingApprovals(request)} more.` };
      }

      const blocked = await this.sending.cooldownFor(request);
      if (blocked) return { text: blocked };

      const approvals = [...request.approvals, { userId: actor.userId, at: this.clock() }];
      const complete = approvals.length >= this.deps.settings.requiredApprovals;
      const result = await transition(this.deps.store, request, {
        to: complete ? 'approved' : 'pending',
        actor: actor.userId,
        action: 'approved',
        at: this.clock(),
        changes: { approvals, decidedBy: complete ? actor.userId : request.decidedBy },
      });
      if (result.outcome !== 'updated') continue;

      log.info({ requestId, approver: actor.userId, approvals: approvals.length }, 'approval recorded');
      await this.announcer.refresh(result.request, log);
      if (!complete) return { text: `Your approval is recorded; the request needs ${this.missingApprovals(result.request)} more.` };

      await this.sending.send(result.request, actor.userId, log);
      return {};
    }
    return { text: 'This request changed while you clicked; look at the message and try again.' };
  }

  /** Expires a request that an approver clicked after REQUEST_TTL, before housekeeping got to it. */
  private async expireOnClick(request: VerifyRequest, log: Logger): Promise<Reply> {
    const result = await transition(this.deps.store, request, { to: 'expired', actor: 'system', action: 'expired', at: this.clock(), changes: { closingReason: 'not approved within REQUEST_TTL' } });
    if (result.outcome === 'updated') {
      log.info({ requestId: request.id }, 'request expired');
      await this.announcer.announce(result.request, { kind: 'expired' }, log);
    }
    return { text: 'This request has expired, so it cannot be approved. The requester can make a new one.' };
  }

  /** Rejects a pending request with a reason. */
  async reject(requestId: string, actor: Actor, reason: string, log: Logger): Promise<Reply> {
    const request = await this.deps.store.get(requestId);
    if (!request) return { text: 'This request was not found.' };

    const decision = await this.deps.policy.mayApprove(actor, request, 'reject');
    if (!decision.allowed) return { text: decision.reason };
    if (request.status !== 'pending') return { text: alreadyHandled(request) };

    const result = await transition(this.deps.store, request, {
      to: 'rejected',
      actor: actor.userId,
      action: 'rejected',
      at: this.clock(),
      changes: { decidedBy: actor.userId, closingReason: reason },
      event: { detail: reason },
    });
    if (result.outcome !== 'updated') return { text: alreadyHandled((await this.deps.store.get(requestId)) ?? request) };

    log.info({ requestId, approver: actor.userId }, 'request rejected');
    await this.announcer.announce(result.request, { kind: 'rejected', by: actor.userId, reason }, log);
    return {};
  }

  /** Cancels a pending request at the requester's wish. */
  async cancel(requestId: string, actor: Actor, log: Logger): Promise<Reply> {
    const request = await this.deps.store.get(requestId);
    if (!request) return { text: 'This request was not found.' };
    if (actor.userId !== request.requesterId) return { text: 'Only the requester can cancel this request.' };
    if (request.status !== 'pending') return { text: alreadyHandled(request) };

    const result = await transition(this.deps.store, request, {
      to: 'cancelled',
      actor: actor.userId,
      action: 'cancelled',
      at: this.clock(),
      changes: { decidedBy: actor.userId, closingReason: 'cancelled by the requester' },
    });
    if (result.outcome !== 'updated') return { text: alreadyHandled((await this.deps.store.get(requestId)) ?? request) };

    log.info({ requestId, requester: actor.userId }, 'request cancelled');
    await this.announcer.announce(result.request, { kind: 'cancelled', by: actor.userId }, log);
    return {};
  }

  /** Sends the code again, at an approver's decision: after a failed or unknown send, or for a new code. */
  async retry(requestId: string, actor: Actor, log: Logger): Promise<Reply> {
    const request = await this.deps.store.get(requestId);
    if (!request) return { text: 'This request was not found.' };

    const decision = await this.deps.policy.mayApprove(actor, request, 'retry');
    if (!decision.allowed) return { text: decision.reason };
    const newCodeNeeded = request.status === 'sent' && request.lastBindingError !== undefined;
    if (request.status !== 'failed' && request.status !== 'unknown' && !newCodeNeeded) return { text: alreadyHandled(request) };
    if (newCodeNeeded && (await this.binding.confirmIfAttached(request, actor.userId, log))) {
      return { text: 'The office network is attached to the CEN instance already, so no new code was sent.' };
    }

    return this.sending.retry(request, actor.userId, log);
  }

  /** Builds what the approval message shows for this request. */
  async view(request: VerifyRequest): Promise<ApprovalView> {
    const lastSend = await this.deps.store.target(request.cenId, request.cenOwnerId);
    return { request, requiredApprovals: this.deps.settings.requiredApprovals, lastSend, resendCooldownMs: this.deps.settings.resendCooldownMs };
  }

  private missingApprovals(request: VerifyRequest): number {
    return Math.max(0, this.deps.settings.requiredApprovals - request.approvals.length);
  }
}

/** Returns the private reply that someone else already handled the request, and how it ended. */
export function alreadyHandled(request: VerifyRequest): string {
  // decidedBy is the approver, rejecter or canceller; later steps may be someone else's.
  const decided = !['binding', 'bound', 'expired'].includes(request.status);
  const by = decided && request.decidedBy ? ` by <@${request.decidedBy}>` : '';
  return `Already handled: ${describeStatus(request.status)}${by}.`;
}
