import { randomBytes } from 'node:crypto';

import type { SlackBlock, SlackMessage, SlackView } from './types';
import type { WorkspaceIdentity } from './workspace';

/** The app-level identity fields every payload carries. */
export interface PayloadIdentity extends WorkspaceIdentity {
  /** The deprecated verification token Slack still sends in `token`. */
  verificationToken: string;
}

export interface PayloadUser {
  id: string;
  name: string;
  /** The user's own workspace, which differs from the app's for a guest from a shared channel. */
  teamId?: string;
}

export interface PayloadChannel {
  id: string;
  name: string;
}

function userField(identity: PayloadIdentity, user: PayloadUser): Record<string, unknown> {
  return { id: user.id, username: user.name, name: user.name, team_id: user.teamId ?? identity.teamId };
}

function common(identity: PayloadIdentity, user: PayloadUser, triggerId: string): Record<string, unknown> {
  return {
    user: userField(identity, user),
    api_app_id: identity.appId,
    token: identity.verificationToken,
    trigger_id: triggerId,
    team: { id: identity.teamId, domain: identity.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
  };
}

export interface SlashCommandInput {
  identity: PayloadIdentity;
  user: PayloadUser;
  channel: PayloadChannel;
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
}

/** Builds the form fields of a slash command, in the order Slack sends them. */
export function slashCommandPayload(input: SlashCommandInput): Record<string, string> {
  const { identity } = input;
  return {
    token: identity.verificationToken,
    team_id: identity.teamId,
    team_domain: identity.teamDomain,
    channel_id: input.channel.id,
    channel_name: input.channel.name,
    user_id: input.user.id,
    user_name: input.user.name,
    command: input.command,
    text: input.text,
    api_app_id: identity.appId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

/** Returns an `action_ts` such as `1700000000.123456`. */
export function actionTs(nowMs: number): string {
  return `${Math.floor(nowMs / 1000)}.${String(randomBytes(3).readUIntBE(0, 3) % 1_000_000).padStart(6, '0')}`;
}

export interface ButtonAction {
  block_id: string;
  button: SlackBlock;
  action_ts: string;
}

function actionField(action: ButtonAction): Record<string, unknown> {
  const { button } = action;
  return {
    type: 'button',
    block_id: action.block_id,
    action_id: button.action_id,
    text: button.text,
    ...(button.value !== undefined ? { value: button.value } : {}),
    ...(button.style !== undefined ? { style: button.style } : {}),
    action_ts: action.action_ts,
  };
}

export interface MessageButtonInput {
  identity: PayloadIdentity;
  user: PayloadUser;
  channel: PayloadChannel;
  message: SlackMessage;
  action: ButtonAction;
  responseUrl: string;
  triggerId: string;
}

/** Builds the `block_actions` payload of a button clicked in a channel message. */
export function messageBlockActionsPayload(input: MessageButtonInput): Record<string, unknown> {
  return {
    type: 'block_actions',
    ...common(input.identity, input.user, input.triggerId),
    container: { type: 'message', message_ts: input.message.ts, channel_id: input.channel.id, is_ephemeral: false },
    channel: { id: input.channel.id, name: input.channel.name },
    message: input.message,
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [actionField(input.action)],
  };
}

export interface ViewButtonInput {
  identity: PayloadIdentity;
  user: PayloadUser;
  view: SlackView;
  action: ButtonAction;
  triggerId: string;
}

/** Builds the `block_actions` payload of a button clicked inside a modal. */
export function viewBlockActionsPayload(input: ViewButtonInput): Record<string, unknown> {
  return {
    type: 'block_actions',
    ...common(input.identity, input.user, input.triggerId),
    container: { type: 'view', view_id: input.view.id },
    view: input.view,
    actions: [actionField(input.action)],
  };
}

export interface ViewSubmissionInput {
  identity: PayloadIdentity;
  user: PayloadUser;
  view: SlackView;
  triggerId: string;
}

/** Builds a `view_submission` payload; `view.state.values` must already hold what the user entered. */
export function viewSubmissionPayload(input: ViewSubmissionInput): Record<string, unknown> {
  return {
    type: 'view_submission',
    ...common(input.identity, input.user, input.triggerId),
    view: input.view,
    response_urls: [],
  };
}

export interface EventInput {
  identity: PayloadIdentity;
  event: Record<string, unknown>;
  eventId: string;
  nowMs: number;
}

/** Builds the `event_callback` body of an Events API event. */
export function eventCallbackPayload(input: EventInput): Record<string, unknown> {
  const { identity } = input;
  return {
    token: identity.verificationToken,
    team_id: identity.teamId,
    api_app_id: identity.appId,
    event: { event_ts: actionTs(input.nowMs), ...input.event },
    type: 'event_callback',
    event_id: input.eventId,
    event_time: Math.floor(input.nowMs / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: identity.teamId,
        user_id: identity.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(24).toString('base64url')}`,
  };
}

/** Builds the `block_actions` payload of a choice in a select inside a modal (`dispatch_action`). */
export function viewSelectPayload(input: { identity: PayloadIdentity; user: PayloadUser; view: SlackView; action: Record<string, unknown>; triggerId: string }): Record<string, unknown> {
  return {
    type: 'block_actions',
    ...common(input.identity, input.user, input.triggerId),
    container: { type: 'view', view_id: input.view.id },
    view: input.view,
    actions: [input.action],
  };
}
