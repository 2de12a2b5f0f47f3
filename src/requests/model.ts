/** Every state of a request; the transitions between them are in lifecycle.ts. */
export const REQUEST_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'cancelled',
  'expired',
  'sending',
  'sent',
  'failed',
  'unknown',
  'binding',
  'bound',
] as const;

export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export interface Approval {
  userId: string;
  at: Date;
}

/** The outcome of the last SendVerifyCode attempt, as shown to people. */
export interface SendAttempt {
  at: Date;
  alibabaRequestId?: string;
  errorCode?: string;
  errorMessage?: string;
  recommend?: string;
}

/** A request to have Alibaba email a verification code to the owner of a CEN instance. */
export interface VerifyRequest {
  id: string;
  status: RequestStatus;
  version: number;
  teamId: string;
  requesterId: string;
  /** The Slack view the request was submitted from; a second submission of it is ignored. */
  sourceViewId?: string;
  cenId: string;
  /** The CEN owner account ID as typed: a digit string, since IDs can exceed Number.MAX_SAFE_INTEGER. */
  cenOwnerId: string;
  regionId: string;
  reason: string;
  /** The office network to bind, such as `cn-hangzhou+dir-3633530001`, once chosen. */
  officeSiteId?: string;
  officeSiteName?: string;
  approvals: Approval[];
  /** The user who made the last decision: the last approver, the rejecter, or the user who cancelled. */
  decidedBy?: string;
  closingReason?: string;
  approvalMessage?: { channel: string; ts: string };
  lastAttempt?: SendAttempt;
  /** The error code of the last failed binding, cleared when a new code is sent. */
  lastBindingError?: string;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  remindedAt?: Date;
}

/** One append-only entry of the audit trail. */
export interface AuditEvent {
  requestId: string;
  at: Date;
  /** Slack user ID, or `system` for the app's own steps (expiry, start-up recovery). */
  actor: string;
  action: string;
  fromStatus?: RequestStatus;
  toStatus?: RequestStatus;
  slackChannel?: string;
  slackTs?: string;
  alibabaRequestId?: string;
  errorCode?: string;
  detail?: string;
}

/** The last code sent to one CEN owner for one CEN instance, for RESEND_COOLDOWN. */
export interface TargetRecord {
  cenId: string;
  cenOwnerId: string;
  lastSentAt: Date;
  requestId: string;
  requesterId: string;
}

export const SYSTEM_ACTOR = 'system';
