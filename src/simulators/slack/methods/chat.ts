import { readMessageContent } from '../message-content';
import { requiredStringArg, SlackMethodError, stringArg } from '../method-error';
import type { SlackArgs } from '../types';
import { type MethodContext, type MethodSpec, postableChannel, visibleChannel } from './method-context';

function postMessage(args: SlackArgs, context: MethodContext): Record<string, unknown> {
  const channel = postableChannel(stringArg(args, 'channel'), context);
  const content = readMessageContent(args);
  const message = context.messages.post(channel.id, {
    user: context.workspace.identity.botUserId,
    content,
    threadTs: stringArg(args, 'thread_ts'),
    fromBot: true,
  });
  return { ok: true, channel: channel.id, ts: message.ts, message };
}

function update(args: SlackArgs, context: MethodContext): Record<string, unknown> {
  const channel = visibleChannel(stringArg(args, 'channel'), context);
  const ts = requiredStringArg(args, 'ts');
  const existing = context.messages.find(channel.id, ts);
  if (!existing) throw new SlackMethodError('message_not_found');
  if (existing.user !== context.workspace.identity.botUserId) throw new SlackMethodError('cant_update_message');

  const message = context.messages.update(channel.id, ts, readMessageContent(args));
  return { ok: true, channel: channel.id, ts, text: message.text, message };
}

function postEphemeral(args: SlackArgs, context: MethodContext): Record<string, unknown> {
  const channel = postableChannel(stringArg(args, 'channel'), context);
  const user = requiredStringArg(args, 'user');
  if (!channel.members.includes(user)) throw new SlackMethodError('user_not_in_channel');

  const content = readMessageContent(args);
  const record = context.messages.addEphemeral({
    channel: channel.id,
    user,
    text: content.text ?? '',
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(stringArg(args, 'thread_ts') ? { thread_ts: stringArg(args, 'thread_ts') } : {}),
    via: 'chat.postEphemeral',
  });
  return { ok: true, message_ts: record.message_ts };
}

/** Returns `https://<domain>.slack.com/archives/<channel>/p<ts without the dot>`, as Slack formats it. */
function getPermalink(args: SlackArgs, context: MethodContext): Record<string, unknown> {
  const channel = visibleChannel(stringArg(args, 'channel'), context);
  const ts = requiredStringArg(args, 'message_ts');
  const message = context.messages.find(channel.id, ts);
  if (!message) throw new SlackMethodError('message_not_found');

  const { teamDomain } = context.workspace.identity;
  const base = `https://${teamDomain}.slack.com/archives/${channel.id}/p${ts.replace('.', '')}`;
  const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  const permalink = isReply ? `${base}?thread_ts=${message.thread_ts}&cid=${channel.id}` : base;
  return { ok: true, channel: channel.id, permalink };
}

export const chatMethods: Record<string, MethodSpec> = {
  'chat.postMessage': { handler: postMessage, token: 'bot', scope: 'chat:write' },
  'chat.update': { handler: update, token: 'bot', scope: 'chat:write' },
  'chat.postEphemeral': { handler: postEphemeral, token: 'bot', scope: 'chat:write' },
  'chat.getPermalink': { handler: getPermalink, token: 'bot' },
};
