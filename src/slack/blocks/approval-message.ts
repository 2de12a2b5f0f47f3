import type { ActionsBlock, KnownBlock } from '@slack/types';

import { formatDuration } from '../../duration';
import { describeStatus } from '../../requests/lifecycle';
import type { VerifyRequest } from '../../requests/model';
import type { ApprovalView } from '../../requests/notices';
import { ACTIONS } from '../ids';
import { buttonsBlock, enterCodeButton, retryButton } from './buttons';
import { escapeMrkdwn, mention, slackDate } from '../mrkdwn';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Builds the approval message: the request, who approved so far, and buttons while it is pending. */
export function buildApprovalMessage(view: ApprovalView, approvers: readonly string[]): SlackMessage {
  const { request } = view;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `CEN verification request ${request.id}` } },
    { type: 'section', text: { type: 'mrkdwn', text: `<@${request.requesterId}> asks to have Alibaba Cloud email a verification code to the owner of a CEN instance in another account.` } },
    { type: 'section', fields: requestFields(request) },
    { type: 'section', text: { type: 'mrkdwn', text: `*Reason*\n${request.reason ? escapeMrkdwn(request.reason) : '_none given_'}` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: statusLine(view) }] },
  ];

  const lastSend = lastSendLine(view);
  if (lastSend) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: lastSend }] });
  if (request.status === 'pending') {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `Approvers: ${approvers.map(mention).join(' ')}` } });
    blocks.push(decisionButtons(request.id));
  }
  const nextStep = nextStepButtons(request);
  if (nextStep) blocks.push(nextStep);

  return { text: `CEN verification request ${request.id} by <@${request.requesterId}>: ${describeStatus(request.status)}`, blocks };
}

/** Lists the request's details as section fields (at most 10). */
export function requestFields(request: VerifyRequest): { type: 'mrkdwn'; text: string }[] {
  const fields = [
    `*CEN instance ID*\n\`${request.cenId}\``,
    `*CEN owner account ID*\n\`${request.cenOwnerId}\``,
    `*Region*\n${request.regionId}`,
    `*Requested by*\n<@${request.requesterId}>`,
    `*Office network*\n${request.officeSiteId ? `${request.officeSiteName ? `${escapeMrkdwn(request.officeSiteName)} ` : ''}\`${escapeMrkdwn(request.officeSiteId)}\`` : '_chosen when the code is entered_'}`,
  ];
  return fields.map((text) => ({ type: 'mrkdwn', text }));
}

function statusLine(view: ApprovalView): string {
  const { request } = view;
  const approvedBy = request.approvals.map((approval) => `<@${approval.userId}>`).join(', ');
  switch (request.status) {
    case 'pending':
      return `*Waiting for approval*: ${request.approvals.length} of ${view.requiredApprovals}${approvedBy ? ` (approved by ${approvedBy})` : ''}. Expires ${slackDate(request.expiresAt)}.`;
    case 'approved':
    case 'sending':
      return `*Approved* by ${approvedBy}. Sending the verification code…`;
    case 'sent':
      return `*Code sent* after approval by ${approvedBy}. Alibaba RequestId \`${request.lastAttempt?.alibabaRequestId ?? 'n/a'}\`. Waiting for the code to be entered.`;
    case 'binding':
      return `*Binding* the office network to the CEN instance…`;
    case 'bound':
      return `*Bound*: the office network is attached to the CEN instance (approved by ${approvedBy}).`;
    case 'failed':
      return `*Send failed* after approval by ${approvedBy}: ${escapeMrkdwn(request.lastAttempt?.errorCode ?? 'error')}. See the thread.`;
    case 'unknown':
      return `*Send outcome unknown* (last attempt ${request.lastAttempt ? slackDate(request.lastAttempt.at) : 'at an unknown time'}). The owner may already have an email. See the thread.`;
    case 'rejected':
      return `*Rejected* by <@${request.decidedBy}>: ${escapeMrkdwn(request.closingReason ?? '')}`;
    case 'cancelled':
      return `*Cancelled*: ${escapeMrkdwn(request.closingReason ?? '')}`;
    case 'expired':
      return `*Expired*: not approved before ${slackDate(request.expiresAt)}.`;
  }
}

function lastSendLine(view: ApprovalView): string | undefined {
  const last = view.lastSend;
  if (!last) return undefined;
  const own = last.requestId === view.request.id ? 'this request' : `request ${last.requestId}`;
  return `Last code for this CEN and owner: ${slackDate(last.lastSentAt)}, on ${own} by <@${last.requesterId}>. RESEND_COOLDOWN is ${formatDuration(view.resendCooldownMs)}.`;
}

/**
 * Builds the buttons of the step after the send, which the thread replies also carry, so that a
 * lost thread reply never leaves a request without them.
 */
function nextStepButtons(request: VerifyRequest): ActionsBlock | undefined {
  if (request.status === 'failed' || request.status === 'unknown') return buttonsBlock('next_step', [retryButton(request.id)]);
  if (request.status !== 'sent' || request.lastBindingError === 'binding_unconfirmed') return undefined;

  const codeSpent = request.lastBindingError === 'VerifyCode.ReachTokenRetryTime';
  const items = [...(codeSpent ? [] : [enterCodeButton(request.id)]), ...(request.lastBindingError ? [retryButton(request.id)] : [])];
  return buttonsBlock('next_step', items);
}

function decisionButtons(requestId: string): ActionsBlock {
  return buttonsBlock('decision', [
    { action: ACTIONS.approve, text: 'Approve', style: 'primary', value: requestId },
    { action: ACTIONS.reject, text: 'Reject', style: 'danger', value: requestId },
  ]);
}
