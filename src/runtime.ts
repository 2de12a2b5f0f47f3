import Credential from '@alicloud/credentials';
import { WebClient } from '@slack/web-api';

import { EcdClient } from './alicloud/client';
import { OfficeSiteDirectory } from './alicloud/office-site-directory';
import { RegionCatalogue } from './alicloud/region-catalogue';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './alicloud/retry';
import type { Config } from './config';
import { createLogger, type Logger } from './logger';
import { DEFAULT_ATTACH_POLLING, type AttachPolling } from './requests/binding';
import { Housekeeping } from './requests/housekeeping';
import { ApprovalPolicy } from './requests/policy';
import { RequestService } from './requests/service';
import { createSlackApp, webClientOptions, type SlackApp } from './slack/app';
import { SlackNotifier } from './slack/notifier';
import { SlackGroupDirectory } from './slack/user-groups';
import type { RequestStore } from './store/store';
import { runStartupChecks, startFailure } from './startup-checks';

export { StartupError } from './startup-checks';

export interface RuntimeOptions {
  log?: Logger;
  clock?: () => Date;
  credential?: Credential;
  retryPolicy?: RetryPolicy;
  /** How often expiry, reminders and recovery of abandoned sends run. */
  housekeepingIntervalMs?: number;
  credentialsTimeoutMs?: number;
  attachPolling?: AttachPolling;
}

export interface Runtime {
  port: number;
  store: RequestStore;
  service: RequestService;
  housekeeping: Housekeeping;
  slack: SlackApp;
  log: Logger;
  stop(): Promise<void>;
}

/** Checks the Slack token and Alibaba credentials, opens the store and starts the Slack app. */
export async function startRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? (() => new Date());
  const web = new WebClient(config.slack.botToken, webClientOptions(config, log));
  const credential = options.credential ?? new Credential();
  const { identity, store } = await runStartupChecks(config, web, credential, { credentialsTimeoutMs: options.credentialsTimeoutMs ?? 5_000, log });

  const retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const ecd = new EcdClient({ endpoint: config.ecd.endpoint, timeoutMs: config.ecd.timeoutMs, credential, retryPolicy });
  const regions = new RegionCatalogue(config.allowedRegions, ecd, log);
  const offices = new OfficeSiteDirectory((regionId, listLog) => ecd.describeOfficeSites(regionId, listLog));
  const policy = new ApprovalPolicy(config.approvers, config.requesters, new SlackGroupDirectory(web, log), () => identity.teamId);
  const notifier = new SlackNotifier(web, config.approvalChannelId, config.approvers, identity.url);
  const service = new RequestService({ store, notifier, ecd, policy, settings: config, clock, attachPolling: options.attachPolling });
  const slack = createSlackApp(
    { config, botId: identity.botId, botUserId: identity.userId, health: () => store.get('healthz').then(() => true), log },
    { service, policy, regions: () => regions.regions(), offices, ownAccountId: config.ecd.accountId, log },
  );
  const housekeeping = new Housekeeping({
    store,
    announcer: service.announcer,
    confirmAttached: (request, confirmLog) => service.binding.confirmIfAttached(request, 'system', confirmLog),
    approvers: config.approvers,
    requestTtlMs: config.requestTtlMs,
    maxSendMs: maxSendMs(config.ecd.timeoutMs, retryPolicy),
    maxBindMs: maxBindMs(config.ecd.timeoutMs, retryPolicy, options.attachPolling ?? DEFAULT_ATTACH_POLLING),
    clock,
  });

  // With one SQLite file nothing else can be sending at start; PostgreSQL may serve other instances.
  // NOTE: two processes on one SQLite file break this assumption: a starting one would mark the
  // other's send in flight `unknown`. Several instances belong on PostgreSQL.
  const sharedStore = store.kind === 'postgres';
  const sendsBefore = sharedStore ? new Date(clock().getTime() - maxSendMs(config.ecd.timeoutMs, retryPolicy)) : clock();
  const bindingsBefore = sharedStore ? new Date(clock().getTime() - maxBindMs(config.ecd.timeoutMs, retryPolicy, options.attachPolling ?? DEFAULT_ATTACH_POLLING)) : clock();
  await housekeeping.recoverInterrupted(sendsBefore, log, bindingsBefore);
  const port = await slack.start().catch(async (error: unknown) => {
    await store.close();
    throw startFailure(error, config);
  });
  housekeeping.start(options.housekeepingIntervalMs ?? 30_000, log);
  regions.start(24 * 3_600_000);
  log.info({ port, mode: config.slack.appToken ? 'socket' : 'http', store: store.kind, team: identity.teamId }, 'app started');

  return {
    port,
    store,
    service,
    housekeeping,
    slack,
    log,
    async stop() {
      housekeeping.stop();
      regions.stop();
      await slack.stop().catch((error) => log.warn({ err: error }, 'slack app stop failed'));
      await store.close();
      log.info('app stopped');
    },
  };
}

/** Returns the maximum time one binding can take: VerifyCen and AttachCen, then every read of the office network. */
function maxBindMs(timeoutMs: number, policy: RetryPolicy, polling: AttachPolling): number {
  return 3 * maxSendMs(timeoutMs, policy) + polling.attempts * (polling.intervalMs + timeoutMs);
}

/** Returns the maximum time one send can take: every attempt timing out, plus the backoff between them. */
function maxSendMs(timeoutMs: number, policy: RetryPolicy): number {
  return policy.maxAttempts * 2 * timeoutMs + policy.maxTotalDelayMs + 60_000;
}
