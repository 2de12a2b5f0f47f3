import type { WebClient } from '@slack/web-api';

import type { VerifyRequest } from '../requests/model';
import type { ApprovalView, Notice, RequestNotifier } from '../requests/notices';
import { buildApprovalMessage } from './blocks/approval-message';
import { buildNotice } from './blocks/notices';

/** Posts requests and their news to Slack: the approval channel, its threads and requesters' DMs. */
export class SlackNotifier implements RequestNotifier {
  private readonly dmChannels = new Map<string, string>();

  constructor(
    private readonly client: WebClient,
    private readonly approvalChannelId: string,
    private readonly approvers: readonly string[],
    /** The workspace URL from auth.test, such as `https://acme.slack.com/`, for links when chat.getPermalink fails. */
    private readonly workspaceUrl?: string,
  ) {}

  async postApprovalMessage(view: ApprovalView): Promise<{ channel: string; ts: string }> {
    const message = buildApprovalMessage(view, this.approvers);
    const result = await this.client.chat.postMessage({ channel: this.approvalChannelId, ...message, unfurl_links: false });
    return { channel: result.channel ?? this.approvalChannelId, ts: result.ts as string };
  }

  async refreshApprovalMessage(view: ApprovalView): Promise<void> {
    const location = view.request.approvalMessage;
    if (!location) return;
    await this.client.chat.update({ channel: location.channel, ts: location.ts, ...buildApprovalMessage(view, this.approvers) });
  }

  async postToThread(request: VerifyRequest, notice: Notice): Promise<void> {
    const location = request.approvalMessage;
    if (!location) return;
    const message = buildNotice(request, notice, 'thread');
    await this.client.chat.postMessage({ channel: location.channel, thread_ts: location.ts, ...message, unfurl_links: false });
  }

  async notifyRequester(request: VerifyRequest, notice: Notice): Promise<void> {
    const channel = await this.dmChannel(request.requesterId);
    await this.client.chat.postMessage({ channel, ...buildNotice(request, notice, 'requester'), unfurl_links: false });
  }

  async permalink(channel: string, ts: string): Promise<string | undefined> {
    try {
      const result = await this.client.chat.getPermalink({ channel, message_ts: ts });
      if (result.permalink) return result.permalink;
    } catch {
      // Slack's archive links have a known form, so the link is built from the workspace URL below.
    }
    return this.workspaceUrl ? `${this.workspaceUrl.replace(/\/?$/, '/')}archives/${channel}/p${ts.replace('.', '')}` : undefined;
  }

  /**
   * Returns the DM channel with a user. When conversations.open fails, the user ID itself is used:
   * chat.postMessage posts to the app's DM with a user given as the channel.
   */
  private async dmChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;

    const result = await this.client.conversations.open({ users: userId }).catch(() => undefined);
    const id = result?.channel?.id;
    if (!id) return userId;
    this.dmChannels.set(userId, id);
    return id;
  }
}
