import { checkBlocks, MAX_MESSAGE_BLOCKS } from './block-kit';
import { jsonArg, SlackMethodError } from './method-error';
import type { SlackArgs, SlackBlock } from './types';

/** Slack truncates or rejects top-level `text` beyond this many characters. */
export const MAX_MESSAGE_TEXT = 40_000;

export interface MessageContent {
  text?: string;
  blocks?: SlackBlock[];
  attachments?: unknown[];
}

function readBlocks(args: SlackArgs): SlackBlock[] | undefined {
  const blocks = jsonArg(args, 'blocks', 'invalid_blocks_format');
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) throw new SlackMethodError('invalid_blocks_format');

  const messages = checkBlocks(blocks, MAX_MESSAGE_BLOCKS, '/blocks');
  if (messages.length > 0) {
    const errors = messages.map((message) => message.replace(/^\[ERROR\] /, ''));
    throw new SlackMethodError('invalid_blocks', { errors, response_metadata: { messages } });
  }
  return blocks as SlackBlock[];
}

function readAttachments(args: SlackArgs): unknown[] | undefined {
  const attachments = jsonArg(args, 'attachments', 'invalid_attachments');
  if (attachments === undefined) return undefined;
  if (!Array.isArray(attachments)) throw new SlackMethodError('invalid_attachments');
  if (attachments.length > 100) throw new SlackMethodError('too_many_attachments');
  return attachments;
}

/**
 * Reads and checks the `text`, `blocks` and `attachments` of a message the way `chat.postMessage`
 * does: `no_text` when all are missing, `msg_too_long`, `invalid_blocks_format`, `invalid_blocks`.
 */
export function readMessageContent(args: SlackArgs): MessageContent {
  const text = typeof args.text === 'string' && args.text !== '' ? args.text : undefined;
  if (text !== undefined && text.length > MAX_MESSAGE_TEXT) throw new SlackMethodError('msg_too_long');

  const blocks = readBlocks(args);
  const attachments = readAttachments(args);
  if (text === undefined && (blocks === undefined || blocks.length === 0) && attachments === undefined) {
    throw new SlackMethodError('no_text');
  }
  return { text, blocks, attachments };
}
