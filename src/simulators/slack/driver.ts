import { randomBytes } from 'node:crypto';

import {
  deliver, type Delivery, type DeliveryOptions, type DeliveryResult, type DriverTransport, postToApp,
} from './driver-transport';
import { findButton } from './find-button';
import {
  actionTs, eventCallbackPayload, messageBlockActionsPayload, type PayloadChannel, type PayloadIdentity,
  type PayloadUser, slashCommandPayload, viewBlockActionsPayload, viewSelectPayload, viewSubmissionPayload,
} from './payloads';
import type { SlackSimulator } from './slack-simulator';
import { buildViewState, findSelect, type InputValue, selectAction } from './view-state';

export interface SlackDriverOptions {
  slack: SlackSimulator;
  transport: DriverTransport;
  /** The deprecated verification token sent in payloads' `token` field. */
  verificationToken?: string;
}

export interface SlashCommandInput {
  userId: string;
  channelId: string;
  text: string;
  command?: string;
  delivery?: DeliveryOptions;
}

export interface SlashCommandResult extends DeliveryResult {
  triggerId: string;
  responseUrl: string;
}

export interface SubmitViewInput {
  viewId: string;
  userId: string;
  /** The user's input keyed by block_id. Blocks left out keep their initial value. */
  values: Record<string, InputValue>;
  delivery?: DeliveryOptions;
}

export interface ClickButtonInput {
  userId: string;
  channelId: string;
  messageTs: string;
  actionId: string;
  delivery?: DeliveryOptions;
}

export interface ClickButtonInViewInput {
  viewId: string;
  userId: string;
  actionId: string;
  delivery?: DeliveryOptions;
}

export interface SendEventInput {
  event: Record<string, unknown>;
  eventId?: string;
  delivery?: DeliveryOptions;
}

export interface SelectInViewInput {
  viewId: string;
  userId: string;
  blockId: string;
  value: string;
  values?: Record<string, InputValue>;
  delivery?: DeliveryOptions;
}

export type ClickResult = DeliveryResult & { triggerId: string };

/**
 * Plays Slack's client side toward the app: a user typing a slash command, submitting a modal or
 * clicking a button. Payloads are built from the simulator's stored views and messages, trigger
 * IDs and response URLs come from the simulator, and the ack is applied as Slack applies it.
 */
export class SlackDriver {
  private readonly slack: SlackSimulator;
  private readonly identity: PayloadIdentity;

  constructor(private readonly options: SlackDriverOptions) {
    this.slack = options.slack;
    const verificationToken = options.verificationToken ?? 'sim-verification-token';
    this.identity = { ...options.slack.workspace.identity, verificationToken };
  }

  async slashCommand(input: SlashCommandInput): Promise<SlashCommandResult> {
    const user = this.user(input.userId);
    const channel = this.channelFor(input.channelId);
    const triggerId = this.slack.issueTriggerId(user.id);
    const responseUrl = this.slack.issueResponseUrl({ kind: 'commands', userId: user.id, channelId: channel.id });
    const command = input.command ?? '/cen-verify';
    const payload = slashCommandPayload({
      identity: this.identity, user, channel, command, text: input.text, responseUrl, triggerId,
    });

    const result = await this.send({ envelopeType: 'slash_commands', payload, encoding: 'form' }, input.delivery);
    const source = { userId: user.id, channelId: channel.id };
    const ackError = result.status === 200 ? this.slack.applyCommandAck(source, result.body) : undefined;
    return { ...result, ...(ackError ? { clientError: ackError } : {}), triggerId, responseUrl };
  }

  /** Submits an open modal. Throws `ClientValidationError` where Slack's client would not submit. */
  async submitView(input: SubmitViewInput): Promise<DeliveryResult> {
    const stored = this.slack.view(input.viewId);
    if (!stored) throw new Error(`no view ${input.viewId}: open it with views.open first`);
    const isOpen = this.slack.openViews().some((view) => view.id === stored.id);
    if (!isOpen) throw new Error(`view ${input.viewId} is closed: the user cannot submit it`);

    const view = { ...stored, state: { values: buildViewState(stored.blocks, input.values) } };
    const user = this.user(input.userId);
    const triggerId = this.slack.issueTriggerId(user.id, view.id);
    const payload = viewSubmissionPayload({ identity: this.identity, user, view, triggerId });

    const result = await this.send({ envelopeType: 'interactive', payload, encoding: 'payload' }, input.delivery);
    if (result.status !== 200) return result;
    const ackError = this.slack.applyViewSubmissionAck(view.id, user.id, result.body);
    return ackError ? { ...result, clientError: ackError } : result;
  }

  /** Clicks a button in the current version of a channel message. */
  async clickButton(input: ClickButtonInput): Promise<ClickResult> {
    const message = this.slack.message(input.channelId, input.messageTs);
    if (!message) throw new Error(`no message ${input.messageTs} in channel ${input.channelId}`);
    const { blockId, button } = findButton(message.blocks ?? [], input.actionId);

    const user = this.user(input.userId);
    const channel = this.channelFor(input.channelId);
    const triggerId = this.slack.issueTriggerId(user.id);
    const responseUrl = this.slack.issueResponseUrl({
      kind: 'actions', userId: user.id, channelId: channel.id, messageTs: message.ts,
    });
    const action = { block_id: blockId, button, action_ts: actionTs(this.slack.clock.now()) };
    const payload = messageBlockActionsPayload({
      identity: this.identity, user, channel, message, action, responseUrl, triggerId,
    });

    const result = await this.send({ envelopeType: 'interactive', payload, encoding: 'payload' }, input.delivery);
    return { ...result, triggerId };
  }

  /** Clicks a button inside an open modal; the trigger_id it issues can push a view onto that modal. */
  async clickButtonInView(input: ClickButtonInViewInput): Promise<ClickResult> {
    const view = this.slack.view(input.viewId);
    if (!view) throw new Error(`no view ${input.viewId}: open it with views.open first`);
    const { blockId, button } = findButton(view.blocks, input.actionId);

    const user = this.user(input.userId);
    const triggerId = this.slack.issueTriggerId(user.id, view.id);
    const action = { block_id: blockId, button, action_ts: actionTs(this.slack.clock.now()) };
    const payload = viewBlockActionsPayload({ identity: this.identity, user, view, action, triggerId });

    const result = await this.send({ envelopeType: 'interactive', payload, encoding: 'payload' }, input.delivery);
    return { ...result, triggerId };
  }

  /**
   * Chooses an option in a select of an open modal whose block dispatches actions, sending the
   * view with what the user has entered so far (`values`, keyed by block_id) as its state.
   */
  async selectInView(input: SelectInViewInput): Promise<ClickResult> {
    const stored = this.slack.view(input.viewId);
    if (!stored) throw new Error(`no view ${input.viewId}: open it with views.open first`);
    const element = findSelect(stored.blocks, input.blockId);

    const values = { ...input.values, [input.blockId]: input.value };
    const view = { ...stored, state: { values: buildViewState(stored.blocks, values, 'none') } };
    const user = this.user(input.userId);
    const triggerId = this.slack.issueTriggerId(user.id, view.id);
    const action = selectAction(element, input.blockId, input.value, actionTs(this.slack.clock.now()));
    const payload = viewSelectPayload({ identity: this.identity, user, view, action, triggerId });

    const result = await this.send({ envelopeType: 'interactive', payload, encoding: 'payload' }, input.delivery);
    return { ...result, triggerId };
  }

  /** Sends an Events API event such as `app_home_opened`, wrapped in an `event_callback`. */
  sendEvent(input: SendEventInput): Promise<DeliveryResult> {
    const eventId = input.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`;
    const nowMs = this.slack.clock.now();
    const payload = eventCallbackPayload({ identity: this.identity, event: input.event, eventId, nowMs });
    return this.send({ envelopeType: 'events_api', payload, encoding: 'json' }, input.delivery);
  }

  /** POSTs a raw body to the app over HTTP, signed unless `delivery.signature` is `bad` or `missing`. */
  sendRaw(input: { body: string; contentType?: string; delivery?: DeliveryOptions }): Promise<DeliveryResult> {
    const { transport } = this.options;
    if (transport.kind !== 'http') throw new Error('sendRaw needs the http transport');
    const raw = { body: input.body, contentType: input.contentType ?? 'application/x-www-form-urlencoded' };
    return postToApp(transport, raw, input.delivery);
  }

  private send(delivery: Delivery, options: DeliveryOptions | undefined): Promise<DeliveryResult> {
    return deliver(this.options.transport, delivery, options);
  }

  private user(userId: string): PayloadUser {
    const user = this.slack.workspace.user(userId);
    if (!user) throw new Error(`unknown user ${userId}: add it with addUser first`);
    return { id: user.id, name: user.name, teamId: user.teamId };
  }

  /** Returns the channel as a payload names it; DMs are named `directmessage`, as Slack does. */
  private channelFor(channelId: string): PayloadChannel {
    const channel = this.slack.workspace.channel(channelId);
    if (channel) return { id: channel.id, name: channel.isIm ? 'directmessage' : channel.name };
    if (channelId.startsWith('D')) return { id: channelId, name: 'directmessage' };
    throw new Error(`unknown channel ${channelId}: add it with addChannel first`);
  }
}
