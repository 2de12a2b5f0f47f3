import type { RequestStatus } from './model';

const TRANSITIONS: Record<RequestStatus, readonly RequestStatus[]> = {
  pending: ['pending', 'approved', 'rejected', 'cancelled', 'expired'],
  approved: ['sending', 'failed', 'unknown'],
  sending: ['sent', 'failed', 'unknown'],
  failed: ['sending'],
  unknown: ['sending'],
  sent: ['binding', 'sending'],
  binding: ['bound', 'sent'],
  rejected: [],
  cancelled: [],
  expired: [],
  bound: [],
};

/** Tells whether the lifecycle allows going from one state to another. */
export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Tells whether a request in this state will never change again. */
export function isFinal(status: RequestStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** Describes a state in the words shown to people. */
export function describeStatus(status: RequestStatus): string {
  switch (status) {
    case 'pending':
      return 'waiting for approval';
    case 'approved':
      return 'approved';
    case 'rejected':
      return 'rejected';
    case 'cancelled':
      return 'cancelled';
    case 'expired':
      return 'expired';
    case 'sending':
      return 'sending the code';
    case 'sent':
      return 'code sent';
    case 'failed':
      return 'send failed';
    case 'unknown':
      return 'send outcome unknown';
    case 'binding':
      return 'binding';
    case 'bound':
      return 'bound';
  }
}
