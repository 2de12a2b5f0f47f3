import type { BindingInput } from '../alicloud/client';
import type { EcdError } from '../alicloud/errors';
import type { OfficeSite } from '../alicloud/office-sites';
import type { Logger } from '../logger';
import type { TargetRecord, VerifyRequest } from './model';

/** Something that happened to a request, for the Slack layer to put into words. */
export type Notice =
  | { kind: 'submitted'; permalink?: string }
  | { kind: 'posting_failed'; slackError: string }
  | { kind: 'reminder'; approvers: string[] }
  | { kind: 'sent'; alibabaRequestId: string }
  | { kind: 'send_failed'; error: EcdError }
  | { kind: 'send_unknown'; error: EcdError }
  | { kind: 'send_blocked'; target: TargetRecord; retryAfter: Date }
  | { kind: 'interrupted' }
  | { kind: 'rejected'; by: string; reason: string }
  | { kind: 'cancelled'; by: string }
  | { kind: 'expired' }
  | { kind: 'bound'; alibabaRequestId?: string }
  | { kind: 'binding_failed'; errorCode: string; detail?: string; alibabaRequestId?: string; recommend?: string; action?: string }
  | { kind: 'binding_unconfirmed'; alibabaRequestId: string }
  | { kind: 'message_not_updated'; slackError: string };

/** Content of the approval message besides the request itself. */
export interface ApprovalView {
  request: VerifyRequest;
  requiredApprovals: number;
  lastSend?: TargetRecord;
  resendCooldownMs: number;
}

/**
 * The Slack side of requests. Every method may throw a Slack error, and the service decides what
 * a failure means for the request.
 */
export interface RequestNotifier {
  postApprovalMessage(view: ApprovalView): Promise<{ channel: string; ts: string }>;
  refreshApprovalMessage(view: ApprovalView): Promise<void>;
  postToThread(request: VerifyRequest, notice: Notice): Promise<void>;
  notifyRequester(request: VerifyRequest, notice: Notice): Promise<void>;
  permalink(channel: string, ts: string): Promise<string | undefined>;
}

/** The ECD operations the service runs; EcdClient is the real one. */
export interface EcdOperations {
  sendVerifyCode(input: { regionId: string; cenId: string; cenOwnerId: string }, log: Logger): Promise<{ requestId: string }>;
  describeOfficeSites(regionId: string, log: Logger, officeSiteIds?: string[]): Promise<OfficeSite[]>;
  verifyCen(input: BindingInput & { cidrBlock: string }, log: Logger): Promise<{ status: string; requestId: string }>;
  attachCen(input: BindingInput & { officeSiteId: string }, log: Logger): Promise<{ requestId: string }>;
}
