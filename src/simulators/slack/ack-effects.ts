import { SlackMethodError } from './method-error';
import type { MessageStore } from './message-store';
import { readMessageContent } from './message-content';
import { readView } from './view-checks';
import type { ViewStore } from './view-store';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Shows the body of a slash command's ack the way Slack does: text or an object with text or
 * blocks appears to the user alone, or in the channel with `response_type: 'in_channel'`.
 * Returns Slack's error name when the body is not a valid message.
 */
export function applyCommandAck(
  messages: MessageStore,
  botUserId: string,
  source: { userId: string; channelId: string },
  body: unknown,
): string | undefined {
  if (body === undefined || body === '') return undefined;
  const args = typeof body === 'string' ? { text: body } : isObject(body) ? body : undefined;
  if (!args) return 'invalid_payload';

  try {
    const content = readMessageContent(args);
    if (args.response_type === 'in_channel') {
      messages.post(source.channelId, { user: botUserId, content, fromBot: true });
      return undefined;
    }
    const blocks = content.blocks ? { blocks: content.blocks } : {};
    const text = content.text ?? '';
    messages.addEphemeral({ channel: source.channelId, user: source.userId, text, ...blocks, via: 'ack' });
    return undefined;
  } catch (error) {
    if (error instanceof SlackMethodError) return error.error;
    throw error;
  }
}

function checkErrorKeys(views: ViewStore, viewId: string, errors: unknown): boolean {
  if (!isObject(errors)) return false;
  const inputs = (views.get(viewId)?.blocks ?? []).filter((block) => block.type === 'input');
  const inputIds = new Set(inputs.map((block) => block.block_id));
  return Object.keys(errors).every((blockId) => inputIds.has(blockId));
}

/**
 * Applies the ack of a `view_submission` to the modal, as Slack's client does: no
 * `response_action` closes the view, `errors` keeps it open with messages under the inputs,
 * `update`, `push` and `clear` change the stack. Returns `trouble_connecting` (the banner Slack
 * shows) when the ack is not a valid response, and leaves the view open.
 */
export function applyViewSubmissionAck(
  views: ViewStore,
  viewId: string,
  userId: string,
  body: unknown,
): string | undefined {
  if (body === undefined || body === '') {
    views.close(viewId);
    return undefined;
  }
  if (!isObject(body)) return 'trouble_connecting';

  try {
    switch (body.response_action) {
      case 'errors':
        if (!checkErrorKeys(views, viewId, body.errors)) return 'trouble_connecting';
        views.setErrors(viewId, body.errors as Record<string, string>);
        return undefined;
      case 'update':
        views.update(readView(body), { viewId });
        return undefined;
      case 'push':
        views.push(readView(body), userId, viewId);
        return undefined;
      case 'clear':
        views.clear(viewId);
        return undefined;
      default:
        return 'trouble_connecting';
    }
  } catch (error) {
    if (error instanceof SlackMethodError) return 'trouble_connecting';
    throw error;
  }
}
