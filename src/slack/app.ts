import http from 'node:http';

import { App, LogLevel } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';

import type { Config } from '../config';
import type { Logger } from '../logger';
import { boltLogger } from './bolt-logger';
import type { ListenerDeps } from './listeners/context';
import { registerActions } from './listeners/actions';
import { registerCodeEntry } from './listeners/code-entry';
import { registerCommands } from './listeners/commands';
import { registerOfficeNetworks } from './listeners/office-networks';
import { registerViews } from './listeners/views';

/** A few quick retries: an interactive user should see a failure in seconds, not in half an hour. */
export function webClientOptions(config: Config, log: Logger): WebClientOptions {
  return {
    slackApiUrl: config.slack.apiUrl,
    logger: boltLogger(log),
    logLevel: LogLevel.WARN,
    retryConfig: { retries: 2, factor: 2, minTimeout: 300, maxTimeout: 2_000, randomize: true },
    timeout: 10_000,
  };
}

export interface SlackAppOptions {
  config: Config;
  botId: string;
  botUserId: string;
  health: () => Promise<boolean>;
  log: Logger;
}

export interface SlackApp {
  app: App;
  start(): Promise<number>;
  stop(): Promise<void>;
}

/** Builds the Bolt app: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on POST /slack/events. */
export function createSlackApp(options: SlackAppOptions, deps: ListenerDeps): SlackApp {
  const { config, log } = options;
  const clientOptions = webClientOptions(config, log);
  const common = {
    token: config.slack.botToken,
    botId: options.botId,
    botUserId: options.botUserId,
    clientOptions,
    logger: boltLogger(log),
    logLevel: LogLevel.INFO,
  };
  const socketMode = Boolean(config.slack.appToken);
  const app = socketMode
    ? new App({ ...common, socketMode: true, appToken: config.slack.appToken, installerOptions: { clientOptions: { slackApiUrl: config.slack.apiUrl } } })
    : new App({ ...common, signingSecret: config.slack.signingSecret ?? '', customRoutes: [{ path: '/healthz', method: ['GET'], handler: healthHandler(options.health) }] });

  const inFlight = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });
  registerCommands(app, deps);
  registerViews(app, deps);
  registerActions(app, deps);
  registerOfficeNetworks(app, deps);
  registerCodeEntry(app, deps);
  app.error(async (error) => {
    log.error({ err: error, code: (error as { code?: string }).code }, 'unhandled error in a Slack listener');
  });

  const served = socketMode ? socketModeApp(app, config.port, options.health) : httpApp(app, config.port);
  return {
    ...served,
    async stop() {
      await served.stop();
      // Listeners go on after their ack; let them finish before the store closes.
      await Promise.allSettled([...inFlight]);
    },
  };
}

function httpApp(app: App, port: number): SlackApp {
  let server: http.Server | undefined;
  return {
    app,
    async start() {
      server = (await app.start(port)) as http.Server;
      rejectFutureTimestamps(server);
      return (server.address() as { port: number }).port;
    },
    async stop() {
      await app.stop();
    },
  };
}

/** In Socket Mode, Slack needs no public URL; /healthz gets a small server of its own. */
function socketModeApp(app: App, port: number, health: () => Promise<boolean>): SlackApp {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/healthz') void healthHandler(health)(req, res);
    else res.writeHead(404).end();
  });
  return {
    app,
    async start() {
      await app.start();
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, resolve));
      return (server.address() as { port: number }).port;
    },
    async stop() {
      await app.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Rejects requests dated more than 5 minutes ahead. Bolt 5.1 rejects only those more than 5
 * minutes old, and Slack's rule is a skew of at most 5 minutes either way.
 */
function rejectFutureTimestamps(server: http.Server): void {
  const listeners = server.listeners('request') as http.RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && timestamp > Date.now() / 1000 + MAX_SKEW_SECONDS) {
      res.writeHead(401).end();
      return;
    }
    for (const listener of listeners) listener(req, res);
  });
}

const MAX_SKEW_SECONDS = 5 * 60;

function healthHandler(health: () => Promise<boolean>) {
  return async (_req: http.IncomingMessage, res: http.ServerResponse) => {
    const ok = await health().catch(() => false);
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
  };
}
