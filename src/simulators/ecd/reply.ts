import { randomUUID } from 'node:crypto';

/** The HTTP transport's instruction for one request, decided by the simulator. */
export type Reply =
  | { kind: 'send'; status: number; headers: Record<string, string>; body: string }
  /** Keep the connection open, with no response, until the simulator stops. */
  | { kind: 'hang' }
  /** Destroy the socket without a response. */
  | { kind: 'reset' }
  /** Wait, then compute and deliver the reply. If the simulator stops first, `next` never runs. */
  | { kind: 'delay'; ms: number; next: () => Reply };

export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';

/** Returns a RequestId in Alibaba's form: an uppercase GUID. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

export function jsonReply(status: number, body: unknown, requestId: string): Reply {
  return {
    kind: 'send',
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-acs-request-id': requestId },
    body: JSON.stringify(body),
  };
}
