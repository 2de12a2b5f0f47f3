import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** An HTTP request as it arrived, before any Alibaba-specific interpretation. */
export interface ReceivedRequest {
  method: string;
  path: string;
  /** Decoded query parameters in arrival order, where a name may repeat. */
  query: Array<[string, string]>;
  /** Decoded `application/x-www-form-urlencoded` body parameters, empty for other bodies. */
  form: Array<[string, string]>;
  /** Header names are lowercase, as Node delivers them. */
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Reads the whole request, including its body, into a ReceivedRequest. */
export async function readRequest(message: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) {
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);

  // The base only lets URL parse a path. The request's own host plays no part here.
  const url = new URL(message.url ?? '/', 'http://127.0.0.1');

  return {
    method: (message.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: [...url.searchParams.entries()],
    form: parseForm(message.headers['content-type'], body),
    headers: message.headers,
    body,
  };
}

/** Returns a header's value, joining repeated headers with commas. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Returns query and form parameters merged into one map, the form winning on a repeated name. */
export function mergedParameters(request: ReceivedRequest): Record<string, string> {
  return Object.fromEntries([...request.query, ...request.form]);
}

function parseForm(contentType: string | undefined, body: Buffer): Array<[string, string]> {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded' || body.length === 0) {
    return [];
  }
  return [...new URLSearchParams(body.toString('utf8')).entries()];
}
