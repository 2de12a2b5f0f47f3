/** Source of the current time in epoch milliseconds; tests pass a manual clock to expire trigger IDs. */
export interface Clock {
  now(): number;
}

/** A clock that moves only when `advance` is called. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2023, 10, 14, 22, 13, 20)) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

export const systemClock: Clock = { now: () => Date.now() };

/** Arguments of one Web API call, after form or JSON decoding. */
export type SlackArgs = Record<string, unknown>;

export interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
  verbatim?: boolean;
}

/** A Block Kit block or element as JSON; only the fields the simulator reads are typed. */
export interface SlackBlock {
  type: string;
  block_id?: string;
  [field: string]: unknown;
}

/** A message as Slack returns it from `chat.postMessage` and in interaction payloads. */
export interface SlackMessage {
  type: 'message';
  ts: string;
  user: string;
  text: string;
  team: string;
  bot_id?: string;
  app_id?: string;
  blocks?: SlackBlock[];
  thread_ts?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  edited?: { user: string; ts: string };
  metadata?: unknown;
}

/** A view as Slack returns it from `views.open` and in `view_submission` payloads. */
export interface SlackView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: TextObject;
  submit?: TextObject | null;
  close?: TextObject | null;
  blocks: SlackBlock[];
  private_metadata: string;
  callback_id: string;
  state: { values: Record<string, Record<string, unknown>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  external_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

/** A message shown to one user only, from `chat.postEphemeral`, a `response_url` or an ack body. */
export interface EphemeralRecord {
  channel: string;
  user: string;
  text: string;
  blocks?: SlackBlock[];
  message_ts: string;
  thread_ts?: string;
  via: 'chat.postEphemeral' | 'response_url' | 'ack';
}

/** One Web API call as the simulator received it, with the response it returned. */
export interface CallRecord {
  method: string;
  args: SlackArgs;
  response: Record<string, unknown>;
  status: number;
  at: number;
}

/** One POST the app made to a `response_url`. */
export interface ResponseUrlPost {
  url: string;
  kind: 'commands' | 'actions';
  userId: string;
  channelId: string;
  body: Record<string, unknown>;
  status: number;
  error?: string;
  at: number;
}

export interface ChannelSetup {
  id: string;
  name: string;
  /** User IDs in the channel; the bot is a member when its user ID is listed. */
  members: string[];
  archived?: boolean;
  isPrivate?: boolean;
}

export interface UserSetup {
  id: string;
  name: string;
  teamId?: string;
  isBot?: boolean;
  deleted?: boolean;
  realName?: string;
}

export interface UserGroupSetup {
  id: string;
  handle: string;
  users: string[];
}
