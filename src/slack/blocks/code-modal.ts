import type { KnownBlock, ModalView } from '@slack/types';

import type { VerifyRequest } from '../../requests/model';
import { CODE_BLOCKS, INPUT_ACTION, VIEWS } from '../ids';
import { officeNetworkBlocks, type OfficeNetworkChoice } from './office-networks';

/**
 * Builds the modal where the requester or an approver types the code the CEN owner received.
 * The modal also has an office network select when the request has none.
 */
export function buildCodeModal(request: VerifyRequest, channelId: string | undefined, offices?: OfficeNetworkChoice): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `Request ${request.id}: CEN instance \`${request.cenId}\`, owner account \`${request.cenOwnerId}\`, ${request.regionId}.` },
    },
    {
      type: 'input',
      block_id: CODE_BLOCKS.verifyCode,
      label: { type: 'plain_text', text: 'Verification code' },
      hint: { type: 'plain_text', text: 'The code Alibaba Cloud emailed to the CEN owner. It is used once and never stored or shown.' },
      element: { type: 'plain_text_input', action_id: INPUT_ACTION, placeholder: { type: 'plain_text', text: '123456' } },
    },
  ];
  if (!request.officeSiteId) {
    const choice = offices ?? { regionId: request.regionId, state: 'loading' as const };
    blocks.push(...officeNetworkBlocks(CODE_BLOCKS.officeSite, choice, { optional: false, retryHint: 'Close this form and press Enter verification code again in a minute.' }));
  }

  return {
    type: 'modal',
    callback_id: VIEWS.code,
    private_metadata: JSON.stringify({ requestId: request.id, channelId }),
    title: { type: 'plain_text', text: 'Enter the code' },
    submit: { type: 'plain_text', text: 'Bind' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
