import type { AuditEvent, RequestStatus, TargetRecord, VerifyRequest } from '../requests/model';

/** A request as one row: the columns that queries filter on, the rest as JSON. */
export interface RequestRow {
  id: string;
  status: string;
  version: number;
  cen_id: string;
  cen_owner_id: string;
  expires_at: number;
  updated_at: number;
  data: string;
  source_view_id: string | null;
}

export interface EventRow {
  request_id: string;
  at: number;
  actor: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  slack_channel: string | null;
  slack_ts: string | null;
  alibaba_request_id: string | null;
  error_code: string | null;
  detail: string | null;
}

export interface TargetRow {
  cen_id: string;
  cen_owner_id: string;
  last_sent_at: number;
  request_id: string;
  requester_id: string;
}

const DATE_FIELDS = ['createdAt', 'updatedAt', 'expiresAt', 'remindedAt'] as const;

export function requestToRow(request: VerifyRequest): RequestRow {
  return {
    id: request.id,
    status: request.status,
    version: request.version,
    cen_id: request.cenId,
    cen_owner_id: request.cenOwnerId,
    expires_at: request.expiresAt.getTime(),
    updated_at: request.updatedAt.getTime(),
    data: JSON.stringify(request),
    source_view_id: request.sourceViewId ?? null,
  };
}

export function rowToRequest(row: RequestRow): VerifyRequest {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  for (const field of DATE_FIELDS) {
    if (typeof data[field] === 'string') data[field] = new Date(data[field] as string);
  }
  const request = data as unknown as VerifyRequest;
  request.approvals = request.approvals.map((approval) => ({ ...approval, at: new Date(approval.at) }));
  if (request.lastAttempt) request.lastAttempt.at = new Date(request.lastAttempt.at);
  request.status = row.status as RequestStatus;
  request.version = Number(row.version);
  return request;
}

export function eventToRow(event: AuditEvent): EventRow {
  return {
    request_id: event.requestId,
    at: event.at.getTime(),
    actor: event.actor,
    action: event.action,
    from_status: event.fromStatus ?? null,
    to_status: event.toStatus ?? null,
    slack_channel: event.slackChannel ?? null,
    slack_ts: event.slackTs ?? null,
    alibaba_request_id: event.alibabaRequestId ?? null,
    error_code: event.errorCode ?? null,
    detail: event.detail ?? null,
  };
}

export function rowToEvent(row: EventRow): AuditEvent {
  const event: AuditEvent = { requestId: row.request_id, at: new Date(Number(row.at)), actor: row.actor, action: row.action };
  if (row.from_status) event.fromStatus = row.from_status as RequestStatus;
  if (row.to_status) event.toStatus = row.to_status as RequestStatus;
  if (row.slack_channel) event.slackChannel = row.slack_channel;
  if (row.slack_ts) event.slackTs = row.slack_ts;
  if (row.alibaba_request_id) event.alibabaRequestId = row.alibaba_request_id;
  if (row.error_code) event.errorCode = row.error_code;
  if (row.detail) event.detail = row.detail;
  return event;
}

export function targetToRow(target: TargetRecord): TargetRow {
  return {
    cen_id: target.cenId,
    cen_owner_id: target.cenOwnerId,
    last_sent_at: target.lastSentAt.getTime(),
    request_id: target.requestId,
    requester_id: target.requesterId,
  };
}

export function rowToTarget(row: TargetRow): TargetRecord {
  return {
    cenId: row.cen_id,
    cenOwnerId: row.cen_owner_id,
    lastSentAt: new Date(Number(row.last_sent_at)),
    requestId: row.request_id,
    requesterId: row.requester_id,
  };
}
