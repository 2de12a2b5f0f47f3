import type { SlackBlock } from './types';

export interface FoundButton {
  blockId: string;
  button: SlackBlock;
}

function buttonsOf(block: SlackBlock): SlackBlock[] {
  const candidates = block.type === 'actions' && Array.isArray(block.elements) ? block.elements : [block.accessory];
  return candidates.filter((element): element is SlackBlock => (element as SlackBlock | undefined)?.type === 'button');
}

/** Finds the button with `actionId` in actions blocks and section accessories. */
export function findButton(blocks: SlackBlock[], actionId: string): FoundButton {
  for (const block of blocks) {
    const button = buttonsOf(block).find((candidate) => candidate.action_id === actionId);
    if (button) return { blockId: block.block_id as string, button };
  }
  const available = blocks.flatMap(buttonsOf).map((button) => button.action_id);
  throw new Error(`no button with action_id ${actionId}; the buttons are: ${available.join(', ') || 'none'}`);
}
