import { applyCommandAck, applyViewSubmissionAck } from './ack-effects';
import { FailureInjection } from './failure-injection';
import { MessageStore } from './message-store';
import { chatMethods } from './methods/chat';
import { directoryMethods } from './methods/directory';
import type { MethodContext } from './methods/method-context';
import { viewMethods } from './methods/views';
import { type ResponseUrlSource, ResponseUrls } from './response-urls';
import type { SocketModeSimulator } from './socket-mode-simulator';
import { TriggerStore } from './trigger-store';
import {
  type CallRecord, type ChannelSetup, type Clock, type EphemeralRecord, type ResponseUrlPost, type SlackMessage,
  type SlackView, systemClock, type UserGroupSetup, type UserSetup,
} from './types';
import { ViewStore } from './view-store';
import { WebApiServer } from './web-api-server';
import { Workspace } from './workspace';

/** Scopes the simulated bot token has unless `scopes` is given. */
export const DEFAULT_BOT_SCOPES = [
  'chat:write', 'commands', 'channels:read', 'groups:read', 'im:read', 'im:write', 'users:read', 'usergroups:read',
];

export interface SlackSimulatorOptions {
  botToken: string;
  appToken?: string;
  teamId?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  scopes?: string[];
  clock?: Clock;
}

/**
 * A simulated Slack workspace and its Web API. It responds like Slack, errors included, and
 * records every call, message, view and `response_url` post for tests to inspect.
 */
export class SlackSimulator {
  readonly workspace: Workspace;
  readonly clock: Clock;
  private readonly messageStore: MessageStore;
  private readonly viewStore: ViewStore;
  private readonly triggers: TriggerStore;
  private readonly responseUrls: ResponseUrls;
  private readonly failures = new FailureInjection();
  private readonly callLog: CallRecord[] = [];
  private readonly server: WebApiServer;
  private scopes: string[];
  private socketMode?: SocketModeSimulator;
  private origin?: string;

  constructor(readonly options: SlackSimulatorOptions) {
    this.clock = options.clock ?? systemClock;
    this.scopes = [...(options.scopes ?? DEFAULT_BOT_SCOPES), ...(options.appToken ? ['connections:write'] : [])];
    this.workspace = new Workspace({
      teamId: options.teamId ?? 'T0CENVERIFY',
      teamName: 'CEN Verify Test',
      teamDomain: options.teamDomain ?? 'cen-verify-test',
      botUserId: options.botUserId ?? 'U0CENBOT',
      botId: options.botId ?? 'B0CENBOT',
      appId: options.appId ?? 'A0CENVERIFY',
    }, this.clock);
    this.messageStore = new MessageStore(this.workspace);
    this.viewStore = new ViewStore(this.workspace, this.clock);
    this.triggers = new TriggerStore(this.clock);
    this.responseUrls = new ResponseUrls(this.workspace, this.messageStore, this.clock);
    this.server = new WebApiServer({
      botToken: options.botToken,
      appToken: options.appToken,
      methods: { ...directoryMethods, ...chatMethods, ...viewMethods },
      context: this.methodContext(),
      failures: this.failures,
      responseUrls: this.responseUrls,
      clock: this.clock,
      scopes: () => this.scopes,
      record: (call) => this.callLog.push(call),
    });
  }

  /** Starts the Web API on 127.0.0.1 and returns its base URL, ending in `/api/`. */
  async start(): Promise<string> {
    this.origin = await this.server.start();
    return this.apiUrl;
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  get apiUrl(): string {
    return `${this.requireOrigin()}/api/`;
  }

  /** Makes `apps.connections.open` return URLs of this Socket Mode simulator. */
  attachSocketMode(socketMode: SocketModeSimulator): void {
    this.socketMode = socketMode;
  }

  // State setup.
  addChannel(setup: ChannelSetup): void {
    this.workspace.addChannel(setup);
  }

  addUser(setup: UserSetup): void {
    this.workspace.addUser(setup);
  }

  addUserGroup(setup: UserGroupSetup): void {
    this.workspace.addUserGroup(setup);
  }

  /** Adds a message a user wrote, for tests of threads and of `cant_update_message`. */
  addMessage(setup: { channel: string; user: string; text: string; threadTs?: string }): SlackMessage {
    const { channel, user, text, threadTs } = setup;
    return this.messageStore.post(channel, { user, content: { text }, threadTs, fromBot: false });
  }

  setScopes(scopes: string[]): void {
    this.scopes = [...scopes];
  }

  // Failure injection.
  /** Fails the next `times` calls of `method` with `{ ok: false, error }`, without running them. */
  failNext(method: string, error: string, times = 1): void {
    this.failures.add(method, { kind: 'error', error }, times);
  }

  /** Rejects the next `times` calls of `method` with HTTP 429 and `Retry-After`. */
  rateLimitNext(method: string, retryAfterSeconds: number, times = 1): void {
    this.failures.add(method, { kind: 'ratelimited', retryAfterSeconds }, times);
  }

  /** Delays the response to the next `times` calls of `method` by `ms`. Each call takes effect at once. */
  delayNext(method: string, ms: number, times = 1): void {
    this.failures.add(method, { kind: 'delay', ms }, times);
  }

  // Interactions (used by SlackDriver).
  /** Issues a trigger_id, valid for 3 s, as Slack sends one with each interaction. */
  issueTriggerId(userId: string, viewId?: string): string {
    return this.triggers.issue(userId, viewId);
  }

  issueResponseUrl(source: ResponseUrlSource): string {
    return this.responseUrls.issue(this.requireOrigin(), source);
  }

  /** Applies a slash command's ack body as Slack shows it; returns Slack's error for a bad body. */
  applyCommandAck(source: { userId: string; channelId: string }, body: unknown): string | undefined {
    return applyCommandAck(this.messageStore, this.workspace.identity.botUserId, source, body);
  }

  /** Applies a `view_submission` ack to the modal; returns the banner error for a bad ack. */
  applyViewSubmissionAck(viewId: string, userId: string, body: unknown): string | undefined {
    return applyViewSubmissionAck(this.viewStore, viewId, userId, body);
  }

  // Records.
  calls(): CallRecord[] {
    return this.callLog.map((call) => structuredClone(call));
  }

  callsTo(method: string): CallRecord[] {
    return this.calls().filter((call) => call.method === method);
  }

  view(id: string): SlackView | undefined {
    return this.viewStore.get(id);
  }

  openViews(): SlackView[] {
    return this.viewStore.openViews();
  }

  /** Returns the `errors` of the last `response_action: 'errors'` ack for a view. */
  viewErrors(id: string): Record<string, string> | undefined {
    return this.viewStore.errors(id);
  }

  /** Returns the channel's top-level messages, oldest first, in their current version. */
  messages(channel: string): SlackMessage[] {
    return this.messageStore.topLevel(channel);
  }

  message(channel: string, ts: string): SlackMessage | undefined {
    return this.messageStore.find(channel, ts);
  }

  threadReplies(channel: string, ts: string): SlackMessage[] {
    return this.messageStore.replies(channel, ts);
  }

  ephemerals(user?: string): EphemeralRecord[] {
    return this.messageStore.ephemerals(user);
  }

  /** Returns the messages in the bot's DM with a user, oldest first; empty when none was opened. */
  dms(user: string): SlackMessage[] {
    const channel = this.workspace.dmChannelId(user);
    return channel === undefined ? [] : this.messageStore.topLevel(channel);
  }

  responseUrlPosts(url?: string): ResponseUrlPost[] {
    return this.responseUrls.posts(url);
  }

  private methodContext(): MethodContext {
    return {
      workspace: this.workspace,
      messages: this.messageStore,
      views: this.viewStore,
      triggers: this.triggers,
      hasScope: (scope) => this.scopes.includes(scope),
      socketModeUrl: () => this.socketMode?.connectionUrl(),
    };
  }

  private requireOrigin(): string {
    if (this.origin === undefined) throw new Error('SlackSimulator is not started: call start() first');
    return this.origin;
  }
}
