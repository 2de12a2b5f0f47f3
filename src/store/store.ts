import type { AuditEvent, RequestStatus, TargetRecord, VerifyRequest } from '../requests/model';

/** The state and version a conditional update expects to find: those it was computed from. */
export interface Expected {
  status: RequestStatus;
  version: number;
}

/** Claims the CEN owner target for a send, unless a code went to it after `notBefore`. */
export interface TargetClaim {
  notBefore: Date;
  record: TargetRecord;
}

/** Thrown by insert when a request from the same Slack view exists: Slack delivered the submission twice. */
export class DuplicateSubmissionError extends Error {
  constructor(readonly sourceViewId: string) {
    super(`a request from view ${sourceViewId} exists`);
    this.name = 'DuplicateSubmissionError';
  }
}

export type UpdateResult = { outcome: 'updated' } | { outcome: 'conflict' } | { outcome: 'cooldown'; target: TargetRecord };

/**
 * Storage of requests, their audit trail and the last code per CEN owner target. Every change of
 * a request is one conditional update on its state and version, so two clicks, two approvers or
 * two app instances never both act.
 */
export interface RequestStore {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;

  insert(request: VerifyRequest, events: AuditEvent[]): Promise<void>;
  get(id: string): Promise<VerifyRequest | undefined>;

  /**
   * Replaces the request if it is still in the expected state and version, and appends the events
   * in the same transaction. With a claim, also records the target's last send unless the
   * cooldown holds, in which case nothing changes.
   */
  update(next: VerifyRequest, expected: Expected, events: AuditEvent[], claim?: TargetClaim): Promise<UpdateResult>;

  /** Puts the target back as it was before a send that Alibaba certainly refused. */
  releaseTarget(claimed: TargetRecord, previous: TargetRecord | undefined): Promise<void>;
  target(cenId: string, cenOwnerId: string): Promise<TargetRecord | undefined>;

  listByStatus(statuses: RequestStatus[]): Promise<VerifyRequest[]>;
  events(requestId: string): Promise<AuditEvent[]>;
  appendEvents(events: AuditEvent[]): Promise<void>;
}
