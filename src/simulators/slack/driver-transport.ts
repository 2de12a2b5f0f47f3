import { stringify } from 'node:querystring';

import { signSlackRequest } from './signature';
import { type EnvelopeType, SocketModeNotAckedError } from './socket-deliveries';
import type { SocketModeSimulator } from './socket-mode-simulator';

/** The channel Slack uses to reach the app: signed HTTP requests to its Request URL, or Socket Mode. */
export type DriverTransport =
  | { kind: 'http'; url: string; signingSecret: string }
  | { kind: 'socket'; simulator: SocketModeSimulator };

/** Options that make a delivery look forged, stale or retried, for tests of the app's checks. */
export interface DeliveryOptions {
  /** `bad` signs with a wrong secret, `missing` leaves the signature header out. */
  signature?: 'valid' | 'bad' | 'missing';
  /** The `X-Slack-Request-Timestamp` in seconds, by default the current time. */
  timestamp?: number;
  /** Sends `X-Slack-Retry-Num` (HTTP) or `retry_attempt` (Socket Mode). */
  retryNum?: number;
  retryReason?: string;
}

export interface DeliveryResult {
  /** HTTP status of the app's response, 200 for a Socket Mode ack, or 0 when the app did not respond in time. */
  status: number;
  /** The ack body: parsed JSON, text, or undefined when empty. */
  body: unknown;
  /** The error Slack's client shows the user when the delivery failed, e.g. `operation_timeout`. */
  clientError?: string;
}

/** Slack gives up on an interaction that the app has not acknowledged within 3 seconds. */
export const ACK_TIMEOUT_MS = 3000;

export interface Delivery {
  envelopeType: EnvelopeType;
  /** The payload as an object: form fields for slash commands, JSON for the rest. */
  payload: Record<string, unknown>;
  /** `form` sends the fields themselves (slash commands), `payload` sends `payload=<json>`, `json` a JSON body. */
  encoding: 'form' | 'payload' | 'json';
}

function encode(delivery: Delivery): { body: string; contentType: string } {
  if (delivery.encoding === 'json') return { body: JSON.stringify(delivery.payload), contentType: 'application/json' };
  const fields = delivery.encoding === 'form' ? delivery.payload : { payload: JSON.stringify(delivery.payload) };
  return { body: stringify(fields as Record<string, string>), contentType: 'application/x-www-form-urlencoded' };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function signedHeaders(secret: string, body: string, options: DeliveryOptions): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'x-slack-request-timestamp': String(timestamp) };
  if (options.signature !== 'missing') {
    const key = options.signature === 'bad' ? `${secret}-wrong` : secret;
    headers['x-slack-signature'] = signSlackRequest(key, timestamp, body);
  }
  if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
  if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
  return headers;
}

function clientErrorFor(status: number): string | undefined {
  if (status >= 200 && status < 300) return undefined;
  // NOTE: Slack's client shows `http_client_error` for a 4xx response. The name for 5xx is assumed.
  return status < 500 ? 'http_client_error' : 'http_service_error';
}

/** POSTs a body to the app's Request URL the way Slack does, and waits up to 3 s for the response. */
export async function postToApp(
  transport: { url: string; signingSecret: string },
  raw: { body: string; contentType: string },
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const headers = {
    'content-type': raw.contentType,
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    ...signedHeaders(transport.signingSecret, raw.body, options),
  };
  try {
    const response = await fetch(transport.url, {
      method: 'POST', headers, body: raw.body, signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
    });
    const body = parseBody(await response.text());
    return { status: response.status, body, clientError: clientErrorFor(response.status) };
  } catch (error) {
    const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
    return { status: 0, body: undefined, clientError: timedOut ? 'operation_timeout' : 'dispatch_failed' };
  }
}

async function deliverOverSocket(
  simulator: SocketModeSimulator,
  delivery: Delivery,
  options: DeliveryOptions,
): Promise<DeliveryResult> {
  try {
    const ack = await simulator.deliver(delivery.envelopeType, delivery.payload, {
      retryAttempt: options.retryNum,
      retryReason: options.retryReason,
    });
    const hasPayload = ack.payload !== undefined && Object.keys(ack.payload).length > 0;
    return { status: 200, body: hasPayload ? ack.payload : undefined };
  } catch (error) {
    if (error instanceof SocketModeNotAckedError) {
      return { status: 0, body: undefined, clientError: 'operation_timeout' };
    }
    throw error;
  }
}

/** Delivers one payload over the driver's transport and returns the app's ack. */
export function deliver(
  transport: DriverTransport,
  delivery: Delivery,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  if (transport.kind === 'socket') return deliverOverSocket(transport.simulator, delivery, options);
  return postToApp(transport, encode(delivery), options);
}
