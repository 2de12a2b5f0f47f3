import { gatewayErrors, toErrorBody, EcdApiError } from './api-error';
import { JSON_CONTENT_TYPE, jsonReply, type Reply } from './reply';
import type { Failure } from './types';

const DEFAULT_PROXY_STATUS = 502;

/** An HTML error page like the one a proxy in front of the API gateway returns. */
const PROXY_ERROR_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n';

interface QueuedFailure {
  failure: Failure;
  remaining: number;
}

/** Failures waiting for the next calls of each action, applied first in, first out. */
export class FailureQueue {
  private readonly queues = new Map<string, QueuedFailure[]>();

  add(action: string, failure: Failure, times: number): void {
    if (!Number.isInteger(times) || times < 1) {
      throw new Error(`failNext times must be a whole number of at least 1, got ${times}.`);
    }
    const queue = this.queues.get(action) ?? [];
    queue.push({ failure, remaining: times });
    this.queues.set(action, queue);
  }

  /** Returns the failure for this call of the action and counts it, or undefined. */
  take(action: string): Failure | undefined {
    const queue = this.queues.get(action);
    const next = queue?.[0];
    if (!queue || !next) {
      return undefined;
    }

    next.remaining -= 1;
    if (next.remaining === 0) {
      queue.shift();
    }
    return next.failure;
  }

  clear(): void {
    this.queues.clear();
  }
}

/** A reply for an injected failure, with the Alibaba error code it carries, if any. */
export interface FailureResponse {
  reply: Reply;
  code?: string;
}

/** Builds the reply for every failure kind except timeout, which delays rather than replaces. */
export function failureResponse(
  failure: Failure,
  requestId: string,
  hostId: string,
): FailureResponse {
  switch (failure.kind) {
    case 'error':
      return errorResponse(
        new EcdApiError(failure.status, failure.code, failure.message),
        requestId,
        hostId,
      );
    case 'throttle':
      return errorResponse(gatewayErrors.throttled(), requestId, hostId);
    case 'unavailable':
      return errorResponse(gatewayErrors.serviceUnavailable(), requestId, hostId);
    case 'serverError':
      return errorResponse(gatewayErrors.internalError(), requestId, hostId);
    case 'html':
      return { reply: rawReply(failure.status, 'text/html', PROXY_ERROR_PAGE) };
    case 'empty':
      return { reply: rawReply(failure.status, JSON_CONTENT_TYPE, '') };
    case 'notJson':
      // A JSON body cut off mid-way, as when a connection drops inside the response.
      return {
        reply: rawReply(failure.status, JSON_CONTENT_TYPE, `{"RequestId":"${requestId}","Co`),
      };
    case 'reset':
      return { reply: { kind: 'reset' } };
    case 'timeout':
      throw new Error('A timeout failure delays the reply and has no reply of its own.');
  }
}

function errorResponse(error: EcdApiError, requestId: string, hostId: string): FailureResponse {
  return {
    reply: jsonReply(error.status, toErrorBody(error, requestId, hostId), requestId),
    code: error.code,
  };
}

function rawReply(status: number | undefined, contentType: string, body: string): Reply {
  return {
    kind: 'send',
    status: status ?? DEFAULT_PROXY_STATUS,
    headers: { 'content-type': contentType },
    body,
  };
}
