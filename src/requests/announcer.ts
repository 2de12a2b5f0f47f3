import type { Logger } from '../logger';
import type { VerifyRequest } from './model';
import type { ApprovalView, Notice, RequestNotifier } from './notices';

/**
 * Puts what happened to a request in its approval message, its thread and the requester's DM.
 * A Slack failure here is logged and does not undo the step that already happened.
 */
export class Announcer {
  constructor(
    private readonly notifier: RequestNotifier,
    private readonly view: (request: VerifyRequest) => Promise<ApprovalView>,
  ) {}

  /** Updates the approval message to the request's current state. */
  async refresh(request: VerifyRequest, log: Logger): Promise<void> {
    if (!request.approvalMessage) return;
    try {
      await this.notifier.refreshApprovalMessage(await this.view(request));
    } catch (error) {
      logSlackFailure(log, error, request, 'approval message update failed');
      const notice: Notice = { kind: 'message_not_updated', slackError: slackErrorCode(error) };
      await this.notifier.postToThread(request, notice).catch((threadError) => logSlackFailure(log, threadError, request, 'thread reply failed'));
    }
  }

  /** Updates the approval message, then replies in its thread and sends the requester a DM. */
  async announce(request: VerifyRequest, notice: Notice, log: Logger): Promise<void> {
    await this.refresh(request, log);
    await this.notifier.postToThread(request, notice).catch((error) => logSlackFailure(log, error, request, 'thread reply failed'));
    await this.tellRequester(request, notice, log);
  }

  /** Replies in the approval message's thread only. */
  async remind(request: VerifyRequest, notice: Notice, log: Logger): Promise<void> {
    await this.notifier.postToThread(request, notice).catch((error) => logSlackFailure(log, error, request, 'thread reply failed'));
  }

  /** Sends the requester a DM. */
  async tellRequester(request: VerifyRequest, notice: Notice, log: Logger): Promise<void> {
    await this.notifier.notifyRequester(request, notice).catch((error) => logSlackFailure(log, error, request, 'requester DM failed'));
  }
}

/** Returns Slack's error string (such as `not_in_channel`) from a Web API error. */
export function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  if (typeof data?.error === 'string') return data.error;
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'unknown_error';
}

function logSlackFailure(log: Logger, error: unknown, request: VerifyRequest, message: string): void {
  log.error({ err: error, requestId: request.id, slackError: slackErrorCode(error) }, message);
}
