import { randomBytes, randomInt } from 'node:crypto';

import { readMessageContent } from './message-content';
import type { MessageStore } from './message-store';
import { SlackMethodError } from './method-error';
import type { Clock, ResponseUrlPost, SlackArgs } from './types';
import type { Workspace } from './workspace';

/** A `response_url` works for 30 minutes and at most 5 posts. */
const LIFETIME_MS = 30 * 60 * 1000;
const MAX_USES = 5;

export interface ResponseUrlSource {
  kind: 'commands' | 'actions';
  userId: string;
  channelId: string;
  /** The message whose button was clicked; `replace_original` and `delete_original` act on it. */
  messageTs?: string;
}

interface Issued extends ResponseUrlSource {
  url: string;
  createdAt: number;
  uses: number;
}

export interface ResponseUrlResult {
  status: number;
  body: string;
}

/** The `response_url`s issued with interactions, and what the app posted to them. */
export class ResponseUrls {
  private readonly issued = new Map<string, Issued>();
  private readonly postLog: ResponseUrlPost[] = [];

  constructor(
    private readonly workspace: Workspace,
    private readonly messages: MessageStore,
    private readonly clock: Clock,
  ) {}

  /** Returns a new URL under `origin`, shaped like `https://hooks.slack.com/commands/T…/…/…`. */
  issue(origin: string, source: ResponseUrlSource): string {
    const { teamId } = this.workspace.identity;
    const path = `/${source.kind}/${teamId}/${randomInt(1e10, 9e10)}/${randomBytes(12).toString('hex')}`;
    const url = `${origin}${path}`;
    this.issued.set(path, { ...source, url, createdAt: this.clock.now(), uses: 0 });
    return url;
  }

  isResponseUrlPath(path: string): boolean {
    return path.startsWith('/commands/') || path.startsWith('/actions/');
  }

  /** Applies one POST the app made to a `response_url` and returns the HTTP response. */
  receive(path: string, body: SlackArgs): ResponseUrlResult {
    const source = this.issued.get(path);
    // NOTE: the error bodies below follow Slack's webhook error names; the exact status codes
    // Slack uses for them were not confirmed.
    if (!source) return { status: 404, body: 'invalid_token' };

    const result = this.useOnce(source, body);
    this.postLog.push({
      url: source.url,
      kind: source.kind,
      userId: source.userId,
      channelId: source.channelId,
      body,
      status: result.status,
      ...(result.status === 200 ? {} : { error: result.body }),
      at: this.clock.now(),
    });
    return result;
  }

  posts(url?: string): ResponseUrlPost[] {
    return this.postLog.filter((post) => url === undefined || post.url === url).map((post) => structuredClone(post));
  }

  private useOnce(source: Issued, body: SlackArgs): ResponseUrlResult {
    if (this.clock.now() - source.createdAt > LIFETIME_MS) return { status: 404, body: 'expired_url' };
    if (source.uses >= MAX_USES) return { status: 404, body: 'used_url' };
    source.uses += 1;

    try {
      this.applyBody(source, body);
      return { status: 200, body: JSON.stringify({ ok: true }) };
    } catch (error) {
      if (error instanceof SlackMethodError) return { status: 400, body: error.error };
      throw error;
    }
  }

  private applyBody(source: Issued, body: SlackArgs): void {
    const original = source.messageTs;
    if (body.delete_original === true || body.delete_original === 'true') {
      if (original) this.messages.delete(source.channelId, original);
      return;
    }

    const content = readMessageContent(body);
    const replace = body.replace_original === true || body.replace_original === 'true';
    if (replace && original && this.messages.find(source.channelId, original)) {
      this.messages.update(source.channelId, original, content);
      return;
    }
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    if (body.response_type === 'in_channel') {
      const user = this.workspace.identity.botUserId;
      this.messages.post(source.channelId, { user, content, threadTs, fromBot: true });
      return;
    }
    this.messages.addEphemeral({
      channel: source.channelId,
      user: source.userId,
      text: content.text ?? '',
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
      via: 'response_url',
    });
  }
}
