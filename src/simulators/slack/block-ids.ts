import { randomBytes } from 'node:crypto';

import type { SlackBlock } from './types';

function randomId(): string {
  return randomBytes(3).toString('base64url');
}

function withActionId(element: unknown): unknown {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return element;
  const typed = element as Record<string, unknown>;
  const isInteractive = typeof typed.type === 'string' && !['image', 'plain_text', 'mrkdwn'].includes(typed.type);
  return isInteractive && typed.action_id === undefined ? { ...typed, action_id: randomId() } : typed;
}

/**
 * Returns a copy of the blocks in which every block has a `block_id` and every interactive
 * element an `action_id`; Slack fills in random ones where the app gave none.
 */
export function assignBlockIds(blocks: SlackBlock[]): SlackBlock[] {
  return blocks.map((block) => {
    const copy: SlackBlock = { ...block, block_id: block.block_id ?? randomId() };
    if (copy.element !== undefined) copy.element = withActionId(copy.element);
    if (copy.accessory !== undefined) copy.accessory = withActionId(copy.accessory);
    if (copy.type === 'actions' && Array.isArray(copy.elements)) copy.elements = copy.elements.map(withActionId);
    return copy;
  });
}
