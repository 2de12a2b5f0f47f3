import type { ActionsBlock } from '@slack/types';

import { ACTIONS } from '../ids';

/** One button of a request, named by its action ID and carrying the request ID. */
export interface RequestButton {
  action: string;
  text: string;
  value: string;
  style?: 'primary' | 'danger';
}

/** Builds an actions block of request buttons. */
export function buttonsBlock(blockId: string, items: RequestButton[]): ActionsBlock {
  return {
    type: 'actions',
    block_id: blockId,
    elements: items.map((item) => ({
      type: 'button',
      action_id: item.action,
      text: { type: 'plain_text', text: item.text },
      value: item.value,
      ...(item.style ? { style: item.style } : {}),
    })),
  };
}

export const retryButton = (requestId: string): RequestButton => ({ action: ACTIONS.retry, text: 'Retry', value: requestId });

export const enterCodeButton = (requestId: string): RequestButton => ({ action: ACTIONS.enterCode, text: 'Enter verification code', value: requestId });
