import type { MessageStore } from '../message-store';
import { SlackMethodError } from '../method-error';
import type { TriggerStore } from '../trigger-store';
import type { SlackArgs } from '../types';
import type { ViewStore } from '../view-store';
import type { Channel, Workspace } from '../workspace';

/** The simulator state a Web API method reads and changes. */
export interface MethodContext {
  workspace: Workspace;
  messages: MessageStore;
  views: ViewStore;
  triggers: TriggerStore;
  hasScope(scope: string): boolean;
  /** Returns a new Socket Mode URL, or undefined when no Socket Mode simulator is attached. */
  socketModeUrl(): string | undefined;
}

export type MethodHandler = (args: SlackArgs, context: MethodContext) => Record<string, unknown>;

/** A Web API method: its handler, the token type it takes and the OAuth scope it needs. */
export interface MethodSpec {
  handler: MethodHandler;
  token: 'bot' | 'app';
  scope?: string;
}

/**
 * Finds the channel a message is posted to. A user ID (`U…`, `W…`) posts to the bot's DM with
 * that user. Private channels the bot is not in are hidden (`channel_not_found`), as in Slack.
 */
export function postableChannel(channelId: string | undefined, context: MethodContext): Channel {
  if (channelId === undefined) throw new SlackMethodError('channel_not_found');
  if (/^[UW]/.test(channelId)) return dmChannelOf(channelId, context);

  const channel = context.workspace.channel(channelId);
  if (!channel) throw new SlackMethodError('channel_not_found');
  const isMember = context.workspace.isBotMember(channel);
  if (channel.isPrivate && !isMember) throw new SlackMethodError('channel_not_found');
  if (channel.archived) throw new SlackMethodError('is_archived');
  if (!isMember && !(context.hasScope('chat:write.public') && !channel.isPrivate)) {
    throw new SlackMethodError('not_in_channel');
  }
  return channel;
}

function dmChannelOf(userId: string, context: MethodContext): Channel {
  try {
    return context.workspace.openDm(userId);
  } catch (error) {
    if (error instanceof SlackMethodError && error.error === 'user_not_found') {
      throw new SlackMethodError('channel_not_found');
    }
    throw error;
  }
}

export function visibleChannel(channelId: string | undefined, context: MethodContext): Channel {
  const channel = channelId === undefined ? undefined : context.workspace.channel(channelId);
  if (!channel) throw new SlackMethodError('channel_not_found');
  if (channel.isPrivate && !context.workspace.isBotMember(channel)) throw new SlackMethodError('channel_not_found');
  return channel;
}

