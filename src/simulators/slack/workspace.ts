import { randomBytes } from 'node:crypto';

import { SlackMethodError } from './method-error';
import type { ChannelSetup, Clock, UserGroupSetup, UserSetup } from './types';

export interface Channel extends Required<ChannelSetup> {
  isIm: boolean;
  created: number;
}

export interface WorkspaceIdentity {
  teamId: string;
  teamName: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
}

/** Users, channels, user groups and ID generation of one simulated Slack workspace. */
export class Workspace {
  private readonly users = new Map<string, Required<UserSetup>>();
  private readonly channels = new Map<string, Channel>();
  private readonly userGroups = new Map<string, UserGroupSetup>();
  private readonly dmChannelByUser = new Map<string, string>();
  private lastTsMicros = 0;
  private idCounter = 0;

  constructor(
    readonly identity: WorkspaceIdentity,
    private readonly clock: Clock,
  ) {
    this.addUser({ id: identity.botUserId, name: 'cen-verify', isBot: true });
  }

  addUser(setup: UserSetup): void {
    this.users.set(setup.id, {
      teamId: this.identity.teamId,
      isBot: false,
      deleted: false,
      realName: setup.name,
      ...setup,
    });
  }

  addChannel(setup: ChannelSetup): void {
    this.channels.set(setup.id, {
      archived: false,
      isPrivate: false,
      ...setup,
      members: [...setup.members],
      isIm: false,
      created: Math.floor(this.clock.now() / 1000),
    });
  }

  addUserGroup(setup: UserGroupSetup): void {
    this.userGroups.set(setup.id, { ...setup, users: [...setup.users] });
  }

  user(id: string): Required<UserSetup> | undefined {
    return this.users.get(id);
  }

  channel(id: string): Channel | undefined {
    return this.channels.get(id);
  }

  userGroup(id: string): UserGroupSetup | undefined {
    return this.userGroups.get(id);
  }

  /** Returns the bot's DM channel with a user, opening it on first use as `conversations.open` does. */
  openDm(userId: string): Channel {
    const user = this.users.get(userId);
    if (!user || user.deleted) throw new SlackMethodError('user_not_found');
    if (user.isBot) throw new SlackMethodError('cannot_dm_bot');

    const existing = this.dmChannelByUser.get(userId);
    if (existing) return this.channels.get(existing) as Channel;

    const id = this.newId('D');
    this.channels.set(id, {
      id,
      name: userId,
      members: [userId, this.identity.botUserId],
      archived: false,
      isPrivate: true,
      isIm: true,
      created: Math.floor(this.clock.now() / 1000),
    });
    this.dmChannelByUser.set(userId, id);
    return this.channels.get(id) as Channel;
  }

  dmChannelId(userId: string): string | undefined {
    return this.dmChannelByUser.get(userId);
  }

  isBotMember(channel: Channel): boolean {
    return channel.members.includes(this.identity.botUserId);
  }

  /** Returns a new ID such as `D0A1B2C3D4`, unique within this workspace. */
  newId(prefix: string): string {
    this.idCounter += 1;
    const counter = this.idCounter.toString(36).toUpperCase().padStart(4, '0');
    return `${prefix}0${counter}${randomBytes(3).toString('hex').toUpperCase()}`;
  }

  /** Returns a message timestamp like `1700000000.000100`, strictly increasing across calls. */
  newTs(): string {
    const nowMicros = this.clock.now() * 1000;
    this.lastTsMicros = Math.max(nowMicros, this.lastTsMicros + 100);
    const seconds = Math.floor(this.lastTsMicros / 1_000_000);
    const micros = this.lastTsMicros % 1_000_000;
    return `${seconds}.${String(micros).padStart(6, '0')}`;
  }
}
