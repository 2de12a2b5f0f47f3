import { classifyEcdError, EcdError } from '../alicloud/errors';
import type { OfficeSite } from '../alicloud/office-sites';
import type { Logger } from '../logger';
import type { Announcer } from './announcer';
import type { VerifyRequest } from './model';
import type { Notice } from './notices';
import type { Actor } from './policy';
import type { Reply, ServiceDeps } from './service';
import { alreadyHandled } from './service';
import { transition } from './transitions';

/** How long to watch an office network after AttachCen until it shows `attached`. */
export interface AttachPolling {
  intervalMs: number;
  attempts: number;
}

export const DEFAULT_ATTACH_POLLING: AttachPolling = { intervalMs: 3_000, attempts: 20 };

/** An AttachCen call whose outcome is unknown: it may have attached the office network. */
class AttachOutcomeUnknown extends Error {
  constructor(readonly error: EcdError) {
    super(error.code);
  }
}

/** A binding step that failed, in the words of Alibaba's code or `Status`. */
class BindingFailure extends Error {
  constructor(
    readonly errorCode: string,
    readonly alibabaRequestId?: string,
    readonly detail?: string,
    readonly recommend?: string,
    readonly action?: string,
  ) {
    super(errorCode);
  }
}

/**
 * Completes the binding with the code the CEN owner received: VerifyCen, then AttachCen, then
 * DescribeOfficeSites until the office network shows attached. The code lives only in the
 * arguments of these calls.
 */
export class CenBinding {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly clock: () => Date,
    private readonly announcer: Announcer,
    private readonly polling: AttachPolling,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Tells whether the actor may enter the code: the requester or an approver. */
  async mayEnterCode(request: VerifyRequest, actor: Actor): Promise<boolean> {
    if (actor.userId === request.requesterId && (!actor.teamId || !request.teamId || actor.teamId === request.teamId)) return true;
    return this.deps.policy.isApprover(actor);
  }

  /** Binds the request's office network (or the one chosen now) with the code the owner received. */
  async enterCode(requestId: string, actor: Actor, verifyCode: string, officeSite: { id: string; name?: string } | undefined, log: Logger): Promise<Reply> {
    const request = await this.deps.store.get(requestId);
    if (!request) return { text: 'This request was not found.' };
    if (!(await this.mayEnterCode(request, actor))) return { text: 'Only the requester and the approvers can enter the verification code.' };
    if (request.status !== 'sent') return { text: alreadyHandled(request) };

    const officeSiteId = request.officeSiteId ?? officeSite?.id;
    if (!officeSiteId) return { text: 'Choose the office network to bind, then enter the code again.' };

    const started = await transition(this.deps.store, request, {
      to: 'binding',
      actor: actor.userId,
      action: 'code_entered',
      at: this.clock(),
      changes: { officeSiteId, officeSiteName: request.officeSiteName ?? officeSite?.name },
      event: { detail: officeSiteId },
    });
    if (started.outcome !== 'updated') return { text: alreadyHandled((await this.deps.store.get(requestId)) ?? request) };

    log.info({ requestId, officeSiteId }, 'binding started');
    await this.announcer.refresh(started.request, log);
    await this.bind(started.request, verifyCode, log);
    return {};
  }

  /**
   * Finishes a request in `sent` whose office network turns out attached to its CEN instance
   * (after an unconfirmed or interrupted binding). Returns whether it did.
   */
  async confirmIfAttached(request: VerifyRequest, actor: string, log: Logger): Promise<boolean> {
    if (request.status !== 'sent' || !request.officeSiteId) return false;
    const [site] = await this.deps.ecd.describeOfficeSites(request.regionId, log, [request.officeSiteId]).catch(() => []);
    if (!site || !isAttachedTo(site, request.cenId)) return false;

    const started = await transition(this.deps.store, request, { to: 'binding', actor, action: 'attachment_found', at: this.clock(), event: { detail: request.officeSiteId } });
    if (started.outcome !== 'updated') return false;
    await this.finish(started.request, 'bound', { kind: 'bound' }, undefined, log);
    return true;
  }

  private async bind(request: VerifyRequest, verifyCode: string, log: Logger): Promise<void> {
    let attachment: { requestId?: string; alreadyAttached: boolean };
    try {
      attachment = await this.verifyAndAttach(request, verifyCode, log);
    } catch (thrown) {
      if (thrown instanceof AttachOutcomeUnknown && (await this.attachedAfterAll(request, log))) {
        await this.finish(request, 'bound', { kind: 'bound', alibabaRequestId: thrown.error.requestId }, thrown.error.requestId, log);
        return;
      }
      const failure = toBindingFailure(thrown);
      const notice: Notice = { kind: 'binding_failed', errorCode: failure.errorCode, detail: failure.detail, alibabaRequestId: failure.alibabaRequestId, recommend: failure.recommend, action: failure.action };
      await this.finish(request, 'sent', notice, failure.alibabaRequestId, log, failure.errorCode);
      return;
    }

    // AttachCen succeeded, so a failed read afterwards leaves the binding unconfirmed, not failed.
    const attached = attachment.alreadyAttached || (await this.waitUntilAttached(request, log).catch(() => false));
    const notice: Notice = attached ? { kind: 'bound', alibabaRequestId: attachment.requestId } : { kind: 'binding_unconfirmed', alibabaRequestId: attachment.requestId ?? 'n/a' };
    await this.finish(request, attached ? 'bound' : 'sent', notice, attachment.requestId, log);
  }

  private async verifyAndAttach(request: VerifyRequest, verifyCode: string, log: Logger): Promise<{ requestId?: string; alreadyAttached: boolean }> {
    const officeSiteId = request.officeSiteId as string;
    const [site] = await this.deps.ecd.describeOfficeSites(request.regionId, log, [officeSiteId]);
    if (!site) throw new BindingFailure('InvalidOfficeSiteId.NotFound', undefined, `Office network ${officeSiteId} was not found in ${request.regionId}.`);
    if (isAttachedTo(site, request.cenId)) return { alreadyAttached: true };
    if (site.cenId) throw new BindingFailure('InvalidOfficeSite.CenAttached', undefined, `Office network ${officeSiteId} is already attached to ${site.cenId}.`);

    const binding = { regionId: request.regionId, cenId: request.cenId, cenOwnerId: request.cenOwnerId, verifyCode };
    const verified = await this.deps.ecd.verifyCen({ ...binding, cidrBlock: site.cidrBlock }, log);
    if (verified.status !== 'Access') {
      throw new BindingFailure(verified.status || 'VerifyCen.UnknownStatus', verified.requestId, verified.status === 'Conflict' ? `CIDR block ${site.cidrBlock}.` : undefined);
    }
    try {
      const attached = await this.deps.ecd.attachCen({ ...binding, officeSiteId }, log);
      return { requestId: attached.requestId, alreadyAttached: false };
    } catch (thrown) {
      const error = classifyEcdError(thrown).detached();
      throw error.outcome === 'unknown' ? new AttachOutcomeUnknown(error) : thrown;
    }
  }

  /** Reads the office network after an AttachCen whose response was lost; a failed read counts as not attached. */
  private async attachedAfterAll(request: VerifyRequest, log: Logger): Promise<boolean> {
    log.warn({ requestId: request.id }, 'AttachCen outcome unknown, checking the office network');
    return this.waitUntilAttached(request, log).catch(() => false);
  }

  private async waitUntilAttached(request: VerifyRequest, log: Logger): Promise<boolean> {
    for (let attempt = 1; attempt <= this.polling.attempts; attempt++) {
      const [site] = await this.deps.ecd.describeOfficeSites(request.regionId, log, [request.officeSiteId as string]);
      if (site && isAttachedTo(site, request.cenId)) return true;
      if (attempt < this.polling.attempts) await this.sleep(this.polling.intervalMs);
    }
    return false;
  }

  private async finish(request: VerifyRequest, to: 'bound' | 'sent', notice: Notice, alibabaRequestId: string | undefined, log: Logger, errorCode?: string): Promise<void> {
    const result = await transition(this.deps.store, request, {
      to,
      actor: 'system',
      action: to === 'bound' ? 'bound' : notice.kind,
      at: this.clock(),
      changes: {
        lastBindingError: to === 'sent' ? (errorCode ?? notice.kind) : undefined,
        // The office network itself was the problem, so the next code modal offers the choice again.
        ...(errorCode && OFFICE_SITE_ERRORS.test(errorCode) ? { officeSiteId: undefined, officeSiteName: undefined } : {}),
      },
      event: { alibabaRequestId, errorCode },
    });
    if (result.outcome !== 'updated') log.error({ requestId: request.id, to }, 'request changed while it was being bound');

    const fields = { requestId: request.id, status: to, alibabaRequestId, errorCode };
    if (to === 'bound') log.info(fields, 'office network bound');
    else log.warn(fields, 'binding not completed');
    await this.announcer.announce(result.outcome === 'updated' ? result.request : request, notice, log);
  }
}

const OFFICE_SITE_ERRORS = /^(Conflict|InvalidOfficeSite)/;

function isAttachedTo(site: OfficeSite, cenId: string): boolean {
  return site.cenId === cenId && site.cenAttachStatus?.toLowerCase() === 'attached';
}

function toBindingFailure(thrown: unknown): BindingFailure {
  if (thrown instanceof AttachOutcomeUnknown) return attachUnknownFailure(thrown.error);
  if (thrown instanceof BindingFailure) return thrown;
  return fromEcdError(classifyEcdError(thrown));
}

function attachUnknownFailure(error: EcdError): BindingFailure {
  const detail = `${error.message} The office network does not show as attached: check it in the WUYING console before entering the code again.`;
  return new BindingFailure('ATTACH_OUTCOME_UNKNOWN', error.requestId, detail, error.recommend);
}

function fromEcdError(error: EcdError): BindingFailure {
  const clean = error.detached();
  return new BindingFailure(clean.alibabaCode ?? clean.code, clean.requestId, clean.alibabaCode ? clean.alibabaMessage : clean.message, clean.recommend, clean.action);
}
