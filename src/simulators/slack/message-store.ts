import { assignBlockIds } from './block-ids';
import type { MessageContent } from './message-content';
import { SlackMethodError } from './method-error';
import type { EphemeralRecord, SlackMessage } from './types';
import type { Workspace } from './workspace';

export interface NewMessage {
  user: string;
  content: MessageContent;
  threadTs?: string;
  /** True for messages the app posts: they carry the app's `bot_id` and `app_id`. */
  fromBot: boolean;
}

/** Messages of every channel, their threads and edits, and the ephemeral messages users saw. */
export class MessageStore {
  private readonly byChannel = new Map<string, Map<string, SlackMessage>>();
  private readonly ephemeralRecords: EphemeralRecord[] = [];

  constructor(private readonly workspace: Workspace) {}

  post(channel: string, message: NewMessage): SlackMessage {
    const parent = message.threadTs === undefined ? undefined : this.threadParent(channel, message.threadTs);
    const { identity } = this.workspace;
    const stored: SlackMessage = {
      type: 'message',
      ts: this.workspace.newTs(),
      user: message.user,
      text: message.content.text ?? '',
      team: identity.teamId,
      ...(message.fromBot ? { bot_id: identity.botId, app_id: identity.appId } : {}),
      ...(message.content.blocks ? { blocks: assignBlockIds(message.content.blocks) } : {}),
      ...(parent ? { thread_ts: parent.ts } : {}),
    };
    this.channelMessages(channel).set(stored.ts, stored);
    if (parent) this.recordReply(parent, stored);
    return structuredClone(stored);
  }

  /** Replaces text and blocks; blocks not given are kept, as `chat.update` does. */
  update(channel: string, ts: string, content: MessageContent): SlackMessage {
    const stored = this.byChannel.get(channel)?.get(ts);
    if (!stored) throw new SlackMethodError('message_not_found');

    stored.text = content.text ?? '';
    if (content.blocks !== undefined) stored.blocks = assignBlockIds(content.blocks);
    stored.edited = { user: stored.user, ts: this.workspace.newTs() };
    return structuredClone(stored);
  }

  delete(channel: string, ts: string): void {
    this.byChannel.get(channel)?.delete(ts);
  }

  find(channel: string, ts: string): SlackMessage | undefined {
    const stored = this.byChannel.get(channel)?.get(ts);
    return stored && structuredClone(stored);
  }

  /** Returns the channel's top-level messages, oldest first, as the channel shows them. */
  topLevel(channel: string): SlackMessage[] {
    const topLevel = this.all(channel).filter((message) => (message.thread_ts ?? message.ts) === message.ts);
    return topLevel.map((message) => structuredClone(message));
  }

  replies(channel: string, threadTs: string): SlackMessage[] {
    const replies = this.all(channel).filter((message) => message.thread_ts === threadTs && message.ts !== threadTs);
    return replies.map((message) => structuredClone(message));
  }

  addEphemeral(record: Omit<EphemeralRecord, 'message_ts'>): EphemeralRecord {
    const stored = { ...record, message_ts: this.workspace.newTs() };
    this.ephemeralRecords.push(stored);
    return structuredClone(stored);
  }

  ephemerals(user?: string): EphemeralRecord[] {
    const matching = this.ephemeralRecords.filter((record) => user === undefined || record.user === user);
    return matching.map((record) => structuredClone(record));
  }

  private all(channel: string): SlackMessage[] {
    return [...(this.byChannel.get(channel)?.values() ?? [])];
  }

  private channelMessages(channel: string): Map<string, SlackMessage> {
    let messages = this.byChannel.get(channel);
    if (!messages) {
      messages = new Map();
      this.byChannel.set(channel, messages);
    }
    return messages;
  }

  /** Finds the thread a `thread_ts` names; a reply's ts names its parent's thread, as in Slack. */
  private threadParent(channel: string, threadTs: string): SlackMessage {
    const messages = this.byChannel.get(channel);
    const named = messages?.get(threadTs);
    if (!named) throw new SlackMethodError('thread_not_found');
    if (named.thread_ts === undefined || named.thread_ts === named.ts) return named;
    return messages?.get(named.thread_ts) ?? named;
  }

  private recordReply(parent: SlackMessage, reply: SlackMessage): void {
    parent.thread_ts = parent.ts;
    parent.reply_count = (parent.reply_count ?? 0) + 1;
    parent.reply_users = [...new Set([...(parent.reply_users ?? []), reply.user])];
    parent.latest_reply = reply.ts;
  }
}
