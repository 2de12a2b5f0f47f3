import type { RequestStore, TargetClaim, UpdateResult } from '../store/store';
import { canTransition } from './lifecycle';
import type { AuditEvent, RequestStatus, VerifyRequest } from './model';

export interface TransitionInput {
  to: RequestStatus;
  actor: string;
  action: string;
  at: Date;
  changes?: Partial<VerifyRequest>;
  event?: Partial<AuditEvent>;
  claim?: TargetClaim;
}

export type TransitionResult = { outcome: 'updated'; request: VerifyRequest } | Exclude<UpdateResult, { outcome: 'updated' }>;

/**
 * Moves a request to its next state with one conditional update on the state and version it was
 * read in, appending the audit event in the same transaction.
 */
export async function transition(store: RequestStore, request: VerifyRequest, input: TransitionInput): Promise<TransitionResult> {
  if (!canTransition(request.status, input.to)) throw new Error(`no transition from ${request.status} to ${input.to}`);

  const next: VerifyRequest = { ...request, ...input.changes, status: input.to, version: request.version + 1, updatedAt: input.at };
  const event: AuditEvent = {
    requestId: request.id,
    at: input.at,
    actor: input.actor,
    action: input.action,
    fromStatus: request.status,
    toStatus: input.to,
    slackChannel: next.approvalMessage?.channel,
    slackTs: next.approvalMessage?.ts,
    ...input.event,
  };
  const result = await store.update(next, { status: request.status, version: request.version }, [event], input.claim);
  return result.outcome === 'updated' ? { outcome: 'updated', request: next } : result;
}
