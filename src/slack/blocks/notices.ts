import type { KnownBlock } from '@slack/types';

import type { EcdError } from '../../alicloud/errors';
import { lookUpErrorCode } from '../../alicloud/catalogue';
import type { VerifyRequest } from '../../requests/model';
import { describeStatus } from '../../requests/lifecycle';
import type { Notice } from '../../requests/notices';
import { ACTIONS } from '../ids';
import { escapeMrkdwn, mention, slackDate, truncate } from '../mrkdwn';
import type { SlackMessage } from './approval-message';
import { buttonsBlock, enterCodeButton, retryButton, type RequestButton } from './buttons';

export type Audience = 'thread' | 'requester';

/** Puts a notice into words for the approval thread or for the requester's DM. */
export function buildNotice(request: VerifyRequest, notice: Notice, audience: Audience): SlackMessage {
  const text = noticeText(request, notice, audience);
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } }];

  if (notice.kind === 'sent') blocks.push(forwardNote(request, notice.alibabaRequestId));
  const actions = noticeButtons(request, notice, audience);
  if (actions.length > 0) blocks.push(buttonsBlock('next_step', actions));
  return { text: truncate(firstLine(text), 3000), blocks };
}

function noticeText(request: VerifyRequest, notice: Notice, audience: Audience): string {
  const subject = audience === 'requester' ? `Your CEN verification request ${request.id}` : `Request ${request.id}`;
  switch (notice.kind) {
    case 'submitted':
      return `${subject} (\`${request.cenId}\`, owner \`${request.cenOwnerId}\`, ${request.regionId}) is waiting for approval${notice.permalink ? `: <${notice.permalink}|view it in the approval channel>` : ''}.`;
    case 'posting_failed':
      return `${subject} was cancelled: the approval message could not be posted (${escapeMrkdwn(notice.slackError)}). ${postingFix(notice.slackError)}`;
    case 'reminder':
      return `Reminder: request ${request.id} is still waiting for approval and expires ${slackDate(request.expiresAt)}. ${notice.approvers.map(mention).join(' ')}`;
    case 'sent':
      return `${subject}: Alibaba Cloud accepted the request and emails a verification code to the owner of account \`${request.cenOwnerId}\`. Alibaba RequestId \`${notice.alibabaRequestId}\`.\n${nextSteps(audience)}`;
    case 'send_failed':
      return `${subject}: Alibaba Cloud rejected the send, so no email went out.\n${describeEcdError(notice.error)}\n${audience === 'thread' ? 'An approver can press Retry once the cause is fixed.' : 'An approver can retry it once the cause is fixed.'}`;
    case 'send_unknown':
      return `${subject}: the outcome of the send is unknown. ${escapeMrkdwn(notice.error.message)}\nThe last attempt left ${slackDate(request.lastAttempt?.at ?? request.updatedAt)}. The CEN owner may already have an email: ask them before retrying.${notice.error.requestId ? `\n${describeEcdError(notice.error)}` : ''}`;
    case 'send_blocked':
      return `${subject}: no code was sent, because a code for this CEN owner was requested ${slackDate(notice.target.lastSentAt)} on request ${notice.target.requestId}. Retry after ${slackDate(notice.retryAfter)}.`;
    case 'interrupted':
      return `${subject}: the app stopped while the code was being sent, so the outcome is unknown. The last attempt left ${slackDate(request.lastAttempt?.at ?? request.updatedAt)}. The CEN owner may already have an email: ask them before retrying.`;
    case 'rejected':
      return `${subject} was rejected by <@${notice.by}>. Reason: ${escapeMrkdwn(notice.reason)}`;
    case 'cancelled':
      return `${subject} was cancelled by <@${notice.by}>.`;
    case 'expired':
      return `${subject} expired: it was not approved before ${slackDate(request.expiresAt)}. Make a new request with /cen-verify if it is still needed.`;
    case 'bound':
      return `${subject}: office network ${officeNetwork(request)} is attached to CEN instance \`${request.cenId}\`.${notice.alibabaRequestId ? ` Alibaba RequestId \`${notice.alibabaRequestId}\`.` : ''}`;
    case 'binding_unconfirmed':
      return `${subject}: Alibaba accepted AttachCen (RequestId \`${notice.alibabaRequestId}\`), but office network ${officeNetwork(request)} did not show as attached in time. The app checks it again every few minutes and reports here when it is attached.`;
    case 'binding_failed':
      return `${subject}: the office network was not bound.\n${describeBindingFailure(notice)}`;
    case 'message_not_updated':
      return `${subject}: the approval message could not be updated (${escapeMrkdwn(notice.slackError)}), so its buttons may be out of date. The request is now ${describeStatus(request.status)}.`;
  }
}

function noticeButtons(request: VerifyRequest, notice: Notice, audience: Audience): RequestButton[] {
  const enterCode = enterCodeButton(request.id);
  const retry = retryButton(request.id);
  switch (notice.kind) {
    case 'submitted':
      return audience === 'requester' ? [{ action: ACTIONS.cancel, text: 'Cancel request', value: request.id }] : [];
    case 'sent':
      return [enterCode];
    case 'send_failed':
    case 'send_unknown':
    case 'interrupted':
    case 'send_blocked':
      return audience === 'thread' ? [retry] : [];
    case 'binding_failed': {
      const codeSpent = notice.errorCode === 'VerifyCode.ReachTokenRetryTime';
      return [...(codeSpent ? [] : [enterCode]), ...(audience === 'thread' ? [retry] : [])];
    }
    default:
      return [];
  }
}

function describeBindingFailure(notice: Extract<Notice, { kind: 'binding_failed' }>): string {
  const failure = describeFailure({ code: notice.errorCode, message: notice.detail, requestId: notice.alibabaRequestId, recommend: notice.recommend, action: notice.action });
  return `${failure}\nEnter a code again with *Enter verification code*, or an approver can press *Retry* to have a new code sent.`;
}

function officeNetwork(request: VerifyRequest): string {
  const id = `\`${escapeMrkdwn(request.officeSiteId ?? 'unknown')}\``;
  return request.officeSiteName ? `${escapeMrkdwn(request.officeSiteName)} (${id})` : id;
}

/** Describes an ECD failure: Alibaba's code, message and RequestId, and the step that fixes it. */
export function describeEcdError(error: EcdError): string {
  const code = error.alibabaCode ?? error.code;
  const message = error.alibabaCode ? error.alibabaMessage : error.message;
  return describeFailure({ code, message, requestId: error.requestId, recommend: error.recommend, action: error.action });
}

const APP_CODE_FIXES: Record<string, string> = {
  ECD_UNREACHABLE: 'Check ECD_ENDPOINT and the network path from the app to Alibaba Cloud, then retry.',
  ECD_CREDENTIALS: 'Give the app Alibaba Cloud credentials (see the README, Credentials), then retry.',
};

/** Lists an error code with its message, the Alibaba RequestId, the fix and Alibaba's diagnosis link. */
function describeFailure(failure: { code: string; message?: string; requestId?: string; recommend?: string; action?: string }): string {
  const lines = [`Error code \`${escapeMrkdwn(failure.code)}\`${failure.message ? `: ${escapeMrkdwn(failure.message)}` : ''}`];
  if (failure.requestId) lines.push(`Alibaba RequestId \`${escapeMrkdwn(failure.requestId)}\``);

  const entry = lookUpErrorCode(failure.code, failure.action);
  const fix = entry ? `${entry.summary} ${entry.fix}` : APP_CODE_FIXES[failure.code];
  if (fix) lines.push(fix);
  if (failure.recommend && /^https:\/\//.test(failure.recommend)) {
    lines.push(`Alibaba’s diagnosis: <${failure.recommend.replace(/[<>|\s]/g, encodeURIComponent)}|troubleshoot this error>`);
  }
  return lines.join('\n');
}

function nextSteps(audience: Audience): string {
  const owner = audience === 'requester' ? 'Forward the note below to the owner of the CEN account' : 'The requester forwards the note below to the owner of the CEN account';
  return `*Next steps*\n1. ${owner}; the code arrives at the email address of that Alibaba Cloud account.\n2. The owner sends the code back over a channel you trust, never in this channel.\n3. The requester or an approver presses *Enter verification code* and types it in the form; the app then binds the office network.`;
}

function forwardNote(request: VerifyRequest, alibabaRequestId: string): KnownBlock {
  const note =
    `> Hello. We asked Alibaba Cloud to bind a WUYING office network in ${request.regionId} to your CEN instance \`${request.cenId}\`.\n` +
    `> Alibaba Cloud has emailed a verification code to the email address of your account \`${request.cenOwnerId}\` (Alibaba RequestId \`${alibabaRequestId}\`).\n` +
    '> If you agree to the binding, please send us that code. If you did not expect this, ignore the email and let us know.';
  return { type: 'section', text: { type: 'mrkdwn', text: `*Note to forward to the CEN owner*\n${note}` } };
}

function postingFix(slackError: string): string {
  switch (slackError) {
    case 'not_in_channel':
      return 'Invite the app to the approval channel (/invite in that channel), then make the request again.';
    case 'channel_not_found':
      return 'APPROVAL_CHANNEL_ID names no channel the app can see: an admin of this app should check it.';
    case 'is_archived':
      return 'The approval channel is archived: an admin should unarchive it or set APPROVAL_CHANNEL_ID to another channel.';
    default:
      return 'Try again in a few minutes; if it keeps failing, tell an admin of this app.';
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
