import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';

import type { SlackArgs } from './types';

/** Maximum request body the simulator reads. A larger body gets HTTP 413. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface ParsedArgs {
  args: SlackArgs;
  /** The `token` field of a form body; Slack ignores a token inside a JSON body. */
  formToken?: string;
  invalidJson: boolean;
}

function singleValues(query: Record<string, string | string[] | undefined>): SlackArgs {
  const args: SlackArgs = {};
  for (const [key, value] of Object.entries(query)) {
    args[key] = Array.isArray(value) ? value[value.length - 1] : value;
  }
  return args;
}

/** Decodes a Web API call's arguments from the query string and a form or JSON body. */
export function parseArgs(request: IncomingMessage, body: string): ParsedArgs {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const args = singleValues(Object.fromEntries(url.searchParams.entries()));
  const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

  if (contentType === 'application/json') {
    try {
      const parsed: unknown = body === '' ? {} : JSON.parse(body);
      Object.assign(args, parsed);
      delete args.token;
      return { args, invalidJson: false };
    } catch {
      return { args, invalidJson: true };
    }
  }
  Object.assign(args, singleValues(parseQuery(body)));
  const formToken = typeof args.token === 'string' ? args.token : undefined;
  delete args.token;
  return { args, formToken, invalidJson: false };
}

export function bearerToken(request: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

export function sendText(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(body);
}
