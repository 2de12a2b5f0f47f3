import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';

import { CEN_ID_MAX_LENGTH, REASON_MAX_LENGTH, type SubmissionInput } from '../../requests/schemas';
import { INPUT_ACTION, REQUEST_BLOCKS, VIEWS } from '../ids';
import { officeNetworkBlocks, type OfficeNetworkChoice } from './office-networks';

/** Builds the request modal, prefilled with the values that passed validation. */
export function buildRequestModal(regions: readonly string[], prefill: SubmissionInput & { officeSiteId?: string }, offices?: OfficeNetworkChoice): ModalView {
  const regionOptions: PlainTextOption[] = regions.map((region) => ({ text: { type: 'plain_text', text: region }, value: region }));
  const initialRegion = regionOptions.find((option) => option.value === prefill.regionId);

  const blocks: KnownBlock[] = [
    textInput(REQUEST_BLOCKS.cenId, 'CEN instance ID', 'cen-…', prefill.cenId, 'The CEN instance in the other account, such as cen-3weq30r6t0s7t4abcd.', CEN_ID_MAX_LENGTH),
    textInput(REQUEST_BLOCKS.cenOwnerId, 'CEN owner account ID', '1234567890123456', prefill.cenOwnerId, 'The Alibaba Cloud account ID (UID) that owns the CEN instance. Alibaba emails the code to this account.', 20),
    {
      type: 'input',
      block_id: REQUEST_BLOCKS.regionId,
      dispatch_action: true,
      label: { type: 'plain_text', text: 'Region' },
      hint: { type: 'plain_text', text: 'The region of the office network to bind.' },
      element: {
        type: 'static_select',
        action_id: INPUT_ACTION,
        placeholder: { type: 'plain_text', text: 'Choose a region' },
        options: regionOptions,
        ...(initialRegion ? { initial_option: initialRegion } : {}),
      },
    },
    {
      type: 'input',
      block_id: REQUEST_BLOCKS.reason,
      optional: true,
      label: { type: 'plain_text', text: 'Reason' },
      hint: { type: 'plain_text', text: 'Why the binding is needed; approvers read this.' },
      element: {
        type: 'plain_text_input',
        action_id: INPUT_ACTION,
        multiline: true,
        max_length: REASON_MAX_LENGTH,
        ...(prefill.reason ? { initial_value: prefill.reason } : {}),
      },
    },
    ...officeNetworkBlocks(REQUEST_BLOCKS.officeSite, offices, {
      optional: true,
      selected: prefill.officeSiteId,
      retryHint: 'Choose another region and then this one again, or leave it: the office network can be chosen when the code is entered.',
    }),
  ];

  return {
    type: 'modal',
    callback_id: VIEWS.request,
    title: { type: 'plain_text', text: 'CEN verification' },
    submit: { type: 'plain_text', text: 'Request' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

function textInput(blockId: string, label: string, placeholder: string, initial: string | undefined, hint: string, maxLength: number): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    hint: { type: 'plain_text', text: hint },
    element: {
      type: 'plain_text_input',
      action_id: INPUT_ACTION,
      placeholder: { type: 'plain_text', text: placeholder },
      max_length: maxLength,
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

/** Builds the modal that shows a requester, at submission, why no request was made. */
export function buildNotAllowedModal(text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'CEN verification' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}
