/**
 * The outcome of a failed call. `refused`: Alibaba certainly did not act. `unknown`: the request
 * may have reached Alibaba and acted, and the response was lost.
 */
export type EcdOutcome = 'refused' | 'unknown';

export type EcdErrorCode =
  | 'ECD_API_ERROR'
  | 'ECD_THROTTLED'
  | 'ECD_UNAVAILABLE'
  | 'ECD_SERVER_ERROR'
  | 'ECD_TIMEOUT'
  | 'ECD_CONNECTION_LOST'
  | 'ECD_UNREACHABLE'
  | 'ECD_UNREADABLE_RESPONSE'
  | 'ECD_TLS'
  | 'ECD_CREDENTIALS';

interface EcdErrorFields {
  code: EcdErrorCode;
  outcome: EcdOutcome;
  retryable: boolean;
  alibabaCode?: string;
  alibabaMessage?: string;
  requestId?: string;
  recommend?: string;
  httpStatus?: number;
  /** The ECD action that failed, such as `AttachCen`. */
  action?: string;
  cause?: unknown;
}

/** A failed ECD call, classified by the retry rule, with Alibaba's error details. */
export class EcdError extends Error {
  readonly code: EcdErrorCode;
  readonly outcome: EcdOutcome;
  /** True only when Alibaba certainly did not act and the same call may go again. */
  readonly retryable: boolean;
  readonly alibabaCode?: string;
  readonly alibabaMessage?: string;
  readonly requestId?: string;
  readonly recommend?: string;
  readonly httpStatus?: number;
  readonly action?: string;

  constructor(message: string, fields: EcdErrorFields) {
    super(message, { cause: fields.cause });
    this.name = 'EcdError';
    this.code = fields.code;
    this.outcome = fields.outcome;
    this.retryable = fields.retryable;
    this.alibabaCode = fields.alibabaCode;
    this.alibabaMessage = fields.alibabaMessage;
    this.requestId = fields.requestId;
    this.recommend = fields.recommend;
    this.httpStatus = fields.httpStatus;
    this.action = fields.action;
  }

  /**
   * Returns a copy without the client's original error, whose message carries the request URL
   * and so every query parameter, a verification code included.
   */
  detached(): EcdError {
    const { code, outcome, retryable, alibabaCode, alibabaMessage, requestId, recommend, httpStatus, action } = this;
    return new EcdError(this.message, { code, outcome, retryable, alibabaCode, alibabaMessage, requestId, recommend, httpStatus, action });
  }

  /** Returns a copy that names the ECD action that failed. */
  withAction(action: string): EcdError {
    const { code, outcome, retryable, alibabaCode, alibabaMessage, requestId, recommend, httpStatus } = this;
    return new EcdError(this.message, { code, outcome, retryable, alibabaCode, alibabaMessage, requestId, recommend, httpStatus, action, cause: this.cause });
  }
}

const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

interface ThrownByClient {
  name?: string;
  code?: string;
  message?: string;
  data?: Record<string, unknown>;
}

/** Classifies whatever the Alibaba client threw by the retry rule. */
export function classifyEcdError(thrown: unknown): EcdError {
  if (thrown instanceof EcdError) return thrown;
  const error = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as ThrownByClient;

  if (error.data && typeof error.data.statusCode === 'number') return fromAlibabaAnswer(error, error.data);
  if (error.name === 'RequestTimeoutError' || /timeout/i.test(error.code ?? '')) {
    return new EcdError('ECD did not respond in time; the request may have been received.', { code: 'ECD_TIMEOUT', outcome: 'unknown', retryable: false, cause: thrown });
  }
  if (error.code && NEVER_CONNECTED.has(error.code)) {
    return new EcdError(`Could not connect to ECD (${error.code}); the request was not sent.`, { code: 'ECD_UNREACHABLE', outcome: 'refused', retryable: true, cause: thrown });
  }
  if ((error.code && CONNECTION_LOST.has(error.code)) || /socket hang up/i.test(error.message ?? '')) {
    return new EcdError('The connection to ECD broke before the response arrived; the request may have been received.', { code: 'ECD_CONNECTION_LOST', outcome: 'unknown', retryable: false, cause: thrown });
  }
  if (/CERT|TLS|SSL/.test(error.code ?? '')) {
    return new EcdError(`The TLS connection to ECD failed (${error.code}); the request was not sent.`, { code: 'ECD_TLS', outcome: 'refused', retryable: false, cause: thrown });
  }
  if (thrown instanceof SyntaxError || error.name === 'SyntaxError') {
    return new EcdError('ECD returned a body that is not JSON (a proxy error page?); the request may have been received.', { code: 'ECD_UNREADABLE_RESPONSE', outcome: 'unknown', retryable: false, cause: thrown });
  }
  return new EcdError('The call to ECD failed in an unexpected way; the request may have been received.', { code: 'ECD_CONNECTION_LOST', outcome: 'unknown', retryable: false, cause: thrown });
}

function fromAlibabaAnswer(error: ThrownByClient, body: Record<string, unknown>): EcdError {
  const httpStatus = body.statusCode as number;
  const alibabaCode = stringOrUndefined(body.Code ?? body.code) ?? error.code;
  const fields = {
    alibabaCode,
    alibabaMessage: stringOrUndefined(body.Message ?? body.message),
    requestId: stringOrUndefined(body.RequestId ?? body.requestId),
    recommend: stringOrUndefined(body.Recommend ?? body.recommend),
    httpStatus,
    cause: error,
  };
  const label = `ECD returned ${alibabaCode ?? 'an error'} (HTTP ${httpStatus})`;

  if (alibabaCode?.startsWith('Throttling') || alibabaCode === 'Rejected.Throttling') {
    return new EcdError(`${label}: throttled.`, { ...fields, code: 'ECD_THROTTLED', outcome: 'refused', retryable: true });
  }
  if (alibabaCode === 'ServiceUnavailable') {
    return new EcdError(`${label}: service unavailable.`, { ...fields, code: 'ECD_UNAVAILABLE', outcome: 'refused', retryable: true });
  }
  if (httpStatus >= 500) {
    return new EcdError(`${label}; the request may have been acted on.`, { ...fields, code: 'ECD_SERVER_ERROR', outcome: 'unknown', retryable: false });
  }
  return new EcdError(`${label}.`, { ...fields, code: 'ECD_API_ERROR', outcome: 'refused', retryable: false });
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Builds the error for a call that never left because no credentials could be found. */
export function credentialsError(cause: unknown): EcdError {
  return new EcdError('No Alibaba Cloud credentials could be loaded; the request was not sent.', { code: 'ECD_CREDENTIALS', outcome: 'refused', retryable: false, cause });
}
