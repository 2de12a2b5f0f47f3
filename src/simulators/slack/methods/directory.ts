import { requiredStringArg, SlackMethodError, stringArg, booleanArg } from '../method-error';
import type { SlackArgs } from '../types';
import type { Channel } from '../workspace';
import { type MethodContext, type MethodSpec, visibleChannel } from './method-context';

function authTest(_args: SlackArgs, context: MethodContext): Record<string, unknown> {
  const { identity } = context.workspace;
  return {
    ok: true,
    url: `https://${identity.teamDomain}.slack.com/`,
    team: identity.teamName,
    user: context.workspace.user(identity.botUserId)?.name,
    team_id: identity.teamId,
    user_id: identity.botUserId,
    bot_id: identity.botId,
    is_enterprise_install: false,
  };
}

function connectionsOpen(_args: SlackArgs, context: MethodContext): Record<string, unknown> {
  const url = context.socketModeUrl();
  // Slack returns this error when Socket Mode is turned off in the app's settings.
  if (url === undefined) throw new SlackMethodError('not_allowed_token_type');
  return { ok: true, url };
}

function describeChannel(channel: Channel, context: MethodContext): Record<string, unknown> {
  return {
    id: channel.id,
    name: channel.isIm ? undefined : channel.name,
    created: channel.created,
    is_channel: !channel.isIm && !channel.isPrivate,
    is_group: false,
    is_im: channel.isIm,
    is_private: channel.isPrivate,
    is_archived: channel.archived,
    is_member: context.workspace.isBotMember(channel),
    ...(channel.isIm ? { user: channel.members[0] } : { num_members: channel.members.length }),
  };
}

function conversationsInfo(args: SlackArgs, context: MethodContext): Record<string, unknown> {
  const channel = visibleChannel(stringArg(args, 'channel'), context);
  return { ok: true, channel: describeChannel(channel, context) };
}

function conversationsOpen(args: SlackArgs, context: MethodContext): Record<string, unknown> {
  const users = (stringArg(args, 'users') ?? '').split(',').map((user) => user.trim()).filter(Boolean);
  if (users.length === 0) throw new SlackMethodError('users_list_not_supplied');
  // TODO: group DMs (several users) are not simulated; an app that opens one gets an error here.
  if (users.length > 1) throw new SlackMethodError('not_supported', { detail: 'group DMs are not simulated' });

  const channel = context.workspace.openDm(users[0]);
  const body = booleanArg(args, 'return_im') ? describeChannel(channel, context) : { id: channel.id };
  return { ok: true, channel: body };
}

function userGroupMembers(args: SlackArgs, context: MethodContext): Record<string, unknown> {
  const group = context.workspace.userGroup(requiredStringArg(args, 'usergroup'));
  if (!group) throw new SlackMethodError('no_such_subteam');
  return { ok: true, users: [...group.users] };
}

function usersInfo(args: SlackArgs, context: MethodContext): Record<string, unknown> {
  const user = context.workspace.user(requiredStringArg(args, 'user'));
  if (!user) throw new SlackMethodError('user_not_found');
  return {
    ok: true,
    user: {
      id: user.id,
      team_id: user.teamId,
      name: user.name,
      real_name: user.realName,
      deleted: user.deleted,
      is_bot: user.isBot,
      is_app_user: false,
      profile: { real_name: user.realName, display_name: user.name, team: user.teamId },
    },
  };
}

export const directoryMethods: Record<string, MethodSpec> = {
  'auth.test': { handler: authTest, token: 'bot' },
  'apps.connections.open': { handler: connectionsOpen, token: 'app', scope: 'connections:write' },
  'conversations.info': { handler: conversationsInfo, token: 'bot', scope: 'channels:read' },
  'conversations.open': { handler: conversationsOpen, token: 'bot', scope: 'im:write' },
  'usergroups.users.list': { handler: userGroupMembers, token: 'bot', scope: 'usergroups:read' },
  'users.info': { handler: usersInfo, token: 'bot', scope: 'users:read' },
};
