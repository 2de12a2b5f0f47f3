import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Credential, { Config as CredentialConfig } from '@alicloud/credentials';

import type { RetryPolicy } from '../alicloud/retry';
import { loadConfig, type Config } from '../config';
import { createLogger, type Logger } from '../logger';
import { startRuntime, type Runtime, type RuntimeOptions } from '../runtime';
import { EcdSimulator, type EcdSimulatorOptions } from './ecd';
import { SlackDriver, SlackSimulator, SocketModeSimulator, type SlackMessage } from './slack';

/** The people, channel and Alibaba account of the simulated workspace. */
export const WORLD = {
  team: 'T0CENVERIFY',
  botUser: 'U0CENBOT',
  channel: 'C0APPROVALS',
  requester: 'U0REQUESTER',
  approver: 'U0APPROVER1',
  secondApprover: 'U0APPROVER2',
  outsider: 'U0OUTSIDER',
  approverGroup: 'S0APPROVERS',
  accessKeyId: 'LTAI5tSimulatedKeyId',
  accessKeySecret: 'simulated-access-key-secret',
  cenId: 'cen-3weq30r6t0s7t4abcd',
  officeSiteId: 'cn-hangzhou+dir-3633530001',
  officeSiteName: 'Hangzhou office',
  cenOwnerId: '1234567890123456',
  regionId: 'cn-hangzhou',
  signingSecret: 'simulated-signing-secret',
  botToken: 'xoxb-0000-simulated-bot-token',
  appToken: 'xapp-1-simulated-app-token',
};

export interface WorldOptions {
  mode?: 'http' | 'socket';
  /** Extra or replaced settings, in the environment's names (REQUIRED_APPROVALS, DATABASE_URL, …). */
  env?: Record<string, string>;
  log?: Logger;
  clock?: () => Date;
  retryPolicy?: RetryPolicy;
  /** Settings of the ECD simulator, such as how VerifyCen reports a wrong code. */
  ecd?: EcdSimulatorOptions;
}

/**
 * The app started for real (HTTP or Socket Mode, a real store, the real Alibaba client) against
 * the Slack and ECD simulators, with a driver that plays the Slack users. Tests and the demo share it.
 */
export class SimulatedWorld {
  readonly slack = new SlackSimulator({ botToken: WORLD.botToken, appToken: WORLD.appToken, teamId: WORLD.team, botUserId: WORLD.botUser });
  readonly socket = new SocketModeSimulator();
  readonly ecd: EcdSimulator;
  readonly directory: string;
  /** Every log line the app wrote, as JSON text, when no logger was given. */
  readonly logLines: string[] = [];
  driver!: SlackDriver;
  runtime!: Runtime;
  config!: Config;

  constructor(private readonly options: WorldOptions = {}) {
    this.ecd = new EcdSimulator({ ...options.ecd, accessKeys: { [WORLD.accessKeyId]: { secret: WORLD.accessKeySecret } } });
    this.directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cen-verify-'));
  }

  /** Starts the simulators, then the app against them. */
  async start(): Promise<this> {
    await this.startSimulators();
    await this.startApp();
    return this;
  }

  /** Starts only the simulators, for an app run in another process. */
  async startSimulators(): Promise<this> {
    await this.slack.start();
    await this.socket.start();
    this.slack.attachSocketMode(this.socket);
    await this.ecd.start();
    this.populate();
    return this;
  }

  /** Starts a second instance of the app on the same store and simulators (HTTP mode), with its own driver. */
  async startAnotherInstance(): Promise<{ runtime: Runtime; driver: SlackDriver }> {
    const config = loadConfig(this.environment());
    const runtime = await startRuntime(config, { ...this.runtimeOptions(), log: this.options.log ?? createLogger('debug', { write: (line: string) => void this.logLines.push(line) }) });
    const driver = new SlackDriver({ slack: this.slack, transport: { kind: 'http', url: `http://127.0.0.1:${runtime.port}/slack/events`, signingSecret: WORLD.signingSecret } });
    return { runtime, driver };
  }

  /** Points the driver at an app served on this port (HTTP mode). */
  useApp(port: number): void {
    this.driver = new SlackDriver({ slack: this.slack, transport: { kind: 'http', url: `http://127.0.0.1:${port}/slack/events`, signingSecret: WORLD.signingSecret } });
  }

  /** Stops the app and starts it again on the same store, as after a crash or a deploy. */
  async restart(): Promise<void> {
    await this.runtime.stop();
    await this.startApp();
  }

  async stop(): Promise<void> {
    await this.runtime?.stop().catch(() => undefined);
    await this.ecd.stop();
    await this.socket.stop();
    await this.slack.stop();
    fs.rmSync(this.directory, { recursive: true, force: true });
  }

  /** Returns the settings the app runs with, as environment variables. */
  environment(): Record<string, string> {
    const socket = this.options.mode === 'socket';
    return {
      SLACK_BOT_TOKEN: WORLD.botToken,
      ...(socket ? { SLACK_APP_TOKEN: WORLD.appToken } : { SLACK_SIGNING_SECRET: WORLD.signingSecret }),
      SLACK_API_URL: this.slack.apiUrl,
      PORT: '0',
      APPROVAL_CHANNEL_ID: WORLD.channel,
      APPROVERS: `${WORLD.approver},${WORLD.secondApprover}`,
      ECD_ENDPOINT: this.ecd.endpoint,
      ECD_TIMEOUT: '2s',
      DATABASE_URL: path.join(this.directory, 'cen-verify.sqlite'),
      LOG_LEVEL: 'warn',
      ...this.options.env,
    };
  }

  /** Waits for the newest top-level message in the approval channel and returns it. */
  async awaitApprovalMessage(count = 1): Promise<SlackMessage> {
    await waitFor(() => this.topLevelMessages().length >= count, `no approval message in ${WORLD.channel}`);
    return this.approvalMessage();
  }

  /** Returns the newest top-level message in the approval channel. */
  approvalMessage(): SlackMessage {
    const messages = this.topLevelMessages();
    const last = messages[messages.length - 1];
    if (!last) throw new Error(`no message in ${WORLD.channel}`);
    return last;
  }

  /** Messages in the approval channel that are not thread replies. */
  topLevelMessages(): SlackMessage[] {
    return this.slack.messages(WORLD.channel).filter((message) => !message.thread_ts || message.thread_ts === message.ts);
  }

  /**
   * Runs /cen-verify and submits the modal with these values; returns the submission's ack. With an
   * office network, it first chooses the region so that the modal lists the region's networks.
   */
  async request(values: { cenId?: string; cenOwnerId?: string; regionId?: string; reason?: string; officeSiteId?: string } = {}, userId: string = WORLD.requester) {
    const before = new Set(this.slack.openViews().map((view) => view.id));
    await this.driver.slashCommand({ userId, channelId: WORLD.channel, text: '' });
    const opened = () => this.slack.openViews().find((candidate) => !before.has(candidate.id));
    await waitFor(() => opened() !== undefined, '/cen-verify opened no modal');
    const view = opened()!;
    const entered = {
      cen_id: values.cenId ?? WORLD.cenId,
      cen_owner_id: values.cenOwnerId ?? WORLD.cenOwnerId,
      region: values.regionId ?? WORLD.regionId,
      reason: values.reason ?? 'Bind the Hangzhou office network',
    };
    if (!values.officeSiteId) return this.driver.submitView({ viewId: view.id, userId, values: entered });

    await this.driver.selectInView({ viewId: view.id, userId, blockId: 'region', value: entered.region, values: entered });
    await waitFor(() => JSON.stringify(this.slack.view(view.id)?.blocks ?? []).includes('"block_id":"office_site"'), 'the modal did not list office networks');
    return this.driver.submitView({ viewId: view.id, userId, values: { ...entered, office_site: values.officeSiteId } });
  }

  /**
   * Makes a request, has the first approver approve it and waits until the thread offers "Enter
   * verification code", the sign that the code was sent. Returns the approval message.
   */
  async requestUntilCodeSent(values: Parameters<SimulatedWorld['request']>[0] = { officeSiteId: WORLD.officeSiteId }): Promise<SlackMessage> {
    const count = this.topLevelMessages().length;
    await this.request(values);
    const approval = await this.awaitApprovalMessage(count + 1);
    await this.click('approve', WORLD.approver, approval.ts);
    const offersCode = () => this.slack.threadReplies(WORLD.channel, approval.ts).some((reply) => JSON.stringify(reply.blocks ?? []).includes('"action_id":"enter_code"'));
    await waitFor(offersCode, 'the code was not sent');
    return approval;
  }

  /** Presses "Enter verification code" on the newest thread reply or DM that has it, and submits the code. */
  async enterCode(userId: string, verifyCode: string, officeSiteId?: string) {
    const approval = this.approvalMessage();
    const withButton = this.slack.threadReplies(WORLD.channel, approval.ts).filter((reply) => JSON.stringify(reply.blocks ?? []).includes('"action_id":"enter_code"'));
    const reply = withButton[withButton.length - 1];
    if (!reply) throw new Error('no thread reply offers Enter verification code');

    const before = new Set(this.slack.openViews().map((view) => view.id));
    await this.driver.clickButton({ userId, channelId: WORLD.channel, messageTs: reply.ts, actionId: 'enter_code' });
    const opened = () => this.slack.openViews().find((view) => !before.has(view.id) && view.callback_id === 'cen_verify_code');
    await waitFor(() => opened() !== undefined, 'Enter verification code opened no modal');
    const modal = opened()!;
    if (officeSiteId) await waitFor(() => JSON.stringify(this.slack.view(modal.id)?.blocks ?? []).includes('"block_id":"office_site"'), 'the code modal did not list office networks');

    return this.driver.submitView({ viewId: modal.id, userId, values: { verify_code: verifyCode, ...(officeSiteId ? { office_site: officeSiteId } : {}) } });
  }

  /** Clicks a button on the newest approval message. */
  click(actionId: string, userId: string, messageTs = this.approvalMessage().ts) {
    return this.driver.clickButton({ userId, channelId: WORLD.channel, messageTs, actionId });
  }

  private populate(): void {
    this.slack.addUser({ id: WORLD.botUser, name: 'cen-verify', isBot: true });
    for (const [id, name] of [
      [WORLD.requester, 'riley.requester'],
      [WORLD.approver, 'avery.approver'],
      [WORLD.secondApprover, 'blake.approver'],
      [WORLD.outsider, 'owen.outsider'],
    ]) {
      this.slack.addUser({ id, name });
    }
    this.slack.addChannel({ id: WORLD.channel, name: 'cen-approvals', members: [WORLD.botUser, WORLD.requester, WORLD.approver, WORLD.secondApprover, WORLD.outsider] });
    this.slack.addUserGroup({ id: WORLD.approverGroup, handle: 'cen-approvers', users: [WORLD.approver] });
    this.ecd.addCen({ cenId: WORLD.cenId, ownerId: WORLD.cenOwnerId });
    this.ecd.addOfficeSite({ regionId: WORLD.regionId, officeSiteId: WORLD.officeSiteId, name: WORLD.officeSiteName, vpcType: 'standard', officeSiteType: 'SIMPLE', cidrBlock: '172.16.0.0/12', status: 'REGISTERED' });
    this.ecd.addOfficeSite({ regionId: WORLD.regionId, officeSiteId: 'cn-hangzhou+dir-3633530002', name: 'Lab (basic)', vpcType: 'basic', officeSiteType: 'SIMPLE', cidrBlock: '10.0.0.0/16', status: 'REGISTERED' });
  }

  private runtimeOptions(): RuntimeOptions {
    const credential = new Credential(new CredentialConfig({ type: 'access_key', accessKeyId: WORLD.accessKeyId, accessKeySecret: WORLD.accessKeySecret }));
    return { credential, clock: this.options.clock, retryPolicy: this.options.retryPolicy, housekeepingIntervalMs: 60_000, attachPolling: { intervalMs: 20, attempts: 50 } };
  }

  private async startApp(): Promise<void> {
    this.config = loadConfig(this.environment());
    const log = this.options.log ?? createLogger('debug', { write: (line: string) => void this.logLines.push(line) });
    this.runtime = await startRuntime(this.config, { ...this.runtimeOptions(), log });

    const transport = this.options.mode === 'socket'
      ? { kind: 'socket' as const, simulator: this.socket }
      : { kind: 'http' as const, url: `http://127.0.0.1:${this.runtime.port}/slack/events`, signingSecret: WORLD.signingSecret };
    if (this.options.mode === 'socket') await this.socket.waitForConnections(1);
    this.driver = new SlackDriver({ slack: this.slack, transport });
  }
}

/** Waits until the condition holds, polling; throws the message when it does not within the timeout. */
export async function waitFor(condition: () => boolean | Promise<boolean>, message = 'condition not met in time', timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
