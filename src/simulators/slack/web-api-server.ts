import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import type { FailureInjection } from './failure-injection';
import { bearerToken, BodyTooLargeError, parseArgs, readBody, sendJson, sendText } from './http-io';
import type { MethodContext, MethodSpec } from './methods/method-context';
import { SlackMethodError } from './method-error';
import type { ResponseUrls } from './response-urls';
import type { CallRecord, Clock, SlackArgs } from './types';

export interface WebApiServerOptions {
  botToken: string;
  appToken?: string;
  methods: Record<string, MethodSpec>;
  context: MethodContext;
  failures: FailureInjection;
  responseUrls: ResponseUrls;
  clock: Clock;
  scopes(): string[];
  record(call: CallRecord): void;
}

interface MethodOutcome {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  delayMs?: number;
}

function failure(error: string, fields: Record<string, unknown> = {}): MethodOutcome {
  return { status: 200, body: { ok: false, error, ...fields } };
}

/** The HTTP server behind `SlackSimulator`: `POST /api/<method>` and the `response_url` endpoints. */
export class WebApiServer {
  private server?: Server;

  constructor(private readonly options: WebApiServerOptions) {}

  /** Listens on 127.0.0.1 on a free port and returns the origin, e.g. `http://127.0.0.1:40123`. */
  async start(): Promise<string> {
    const server = createServer((request, response) => void this.handle(request, response));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      const body = await readBody(request);
      if (path.startsWith('/api/')) {
        return await this.handleMethod(path.slice('/api/'.length), request, body, response);
      }
      if (this.options.responseUrls.isResponseUrlPath(path)) {
        return this.handleResponseUrl(path, request, body, response);
      }
      sendText(response, 404, 'not found');
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendText(response, 413, error.message);
      sendJson(response, 500, { ok: false, error: 'internal_error', detail: String(error) });
    }
  }

  private async handleMethod(
    method: string,
    request: IncomingMessage,
    body: string,
    response: ServerResponse,
  ): Promise<void> {
    const parsed = parseArgs(request, body);
    const outcome = parsed.invalidJson
      ? failure('invalid_json')
      : this.outcome(method, parsed.args, request, parsed.formToken);
    this.options.record({
      method,
      args: parsed.args,
      response: outcome.body,
      status: outcome.status,
      at: this.options.clock.now(),
    });
    if (outcome.delayMs) await sleep(outcome.delayMs);
    sendJson(response, outcome.status, outcome.body, outcome.headers);
  }

  private outcome(method: string, args: SlackArgs, request: IncomingMessage, formToken?: string): MethodOutcome {
    const spec = this.options.methods[method];
    if (!spec) return failure('unknown_method', { req_method: method });

    const authProblem = this.authProblem(spec, bearerToken(request), formToken);
    if (authProblem) return failure(authProblem);

    const injected = this.options.failures.take(method);
    const delayMs = injected.reduce((total, item) => total + (item.kind === 'delay' ? item.ms : 0), 0);
    const outcome = this.injectedOutcome(injected) ?? this.run(spec, args);
    return { ...outcome, delayMs, headers: { ...this.scopeHeaders(spec), ...outcome.headers } };
  }

  private authProblem(spec: MethodSpec, headerToken?: string, formToken?: string): string | undefined {
    const { botToken, appToken } = this.options;
    // An app-level token is accepted only in the Authorization header, as Slack documents.
    const token = spec.token === 'app' ? headerToken : headerToken ?? formToken;
    if (token === undefined) return 'not_authed';
    if (token !== botToken && token !== appToken) return 'invalid_auth';
    const expected = spec.token === 'app' ? appToken : botToken;
    return token === expected ? undefined : 'not_allowed_token_type';
  }

  private injectedOutcome(injected: ReturnType<FailureInjection['take']>): MethodOutcome | undefined {
    for (const item of injected) {
      if (item.kind === 'error') return failure(item.error);
      if (item.kind === 'ratelimited') {
        const headers = { 'retry-after': String(item.retryAfterSeconds) };
        return { status: 429, body: { ok: false, error: 'ratelimited' }, headers };
      }
    }
    return undefined;
  }

  private run(spec: MethodSpec, args: SlackArgs): MethodOutcome {
    const provided = this.options.scopes();
    if (spec.scope && !provided.includes(spec.scope)) {
      return failure('missing_scope', { needed: spec.scope, provided: provided.join(',') });
    }
    try {
      return { status: 200, body: spec.handler(args, this.options.context) };
    } catch (error) {
      if (error instanceof SlackMethodError) return failure(error.error, error.fields);
      throw error;
    }
  }

  private scopeHeaders(spec: MethodSpec): Record<string, string> {
    return { 'x-oauth-scopes': this.options.scopes().join(','), 'x-accepted-oauth-scopes': spec.scope ?? '' };
  }

  private handleResponseUrl(path: string, request: IncomingMessage, body: string, response: ServerResponse): void {
    const { args, invalidJson } = parseArgs(request, body);
    if (invalidJson) return sendText(response, 400, 'invalid_payload');

    let payload = args;
    if (typeof args.payload === 'string') {
      try {
        payload = JSON.parse(args.payload) as SlackArgs;
      } catch {
        return sendText(response, 400, 'invalid_payload');
      }
    }
    const outcome = this.options.responseUrls.receive(path, payload);
    const isJson = outcome.body.startsWith('{');
    if (isJson) return sendJson(response, outcome.status, JSON.parse(outcome.body));
    sendText(response, outcome.status, outcome.body);
  }
}
