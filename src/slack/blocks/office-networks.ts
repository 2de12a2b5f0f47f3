import type { KnownBlock, PlainTextOption } from '@slack/types';

import type { RegionOfficeSites } from '../../alicloud/office-site-directory';
import type { OfficeSite } from '../../alicloud/office-sites';
import { INPUT_ACTION } from '../ids';
import { escapeMrkdwn, truncate } from '../mrkdwn';

/** The state of a region's office networks in a modal: loading, listed, or failed with the reason. */
export type OfficeNetworkChoice =
  | { regionId: string; state: 'loading' }
  | { regionId: string; state: 'listed'; sites: RegionOfficeSites }
  | { regionId: string; state: 'failed'; error: string };

const MAX_EXPLAINED = 10;

/** Builds the "Office network" select of a region, with a note on the networks left out. */
export function officeNetworkBlocks(
  blockId: string,
  choice: OfficeNetworkChoice | undefined,
  options: { optional: boolean; selected?: string; retryHint: string },
): KnownBlock[] {
  const { optional, selected, retryHint } = options;
  if (!choice) return [note('Choose a region to list its office networks.')];
  if (choice.state === 'loading') return [note(`Listing the office networks in ${choice.regionId}…`)];
  if (choice.state === 'failed') return [note(`The office networks in ${choice.regionId} could not be listed (${escapeMrkdwn(choice.error)}). ${retryHint}`)];

  const { bindable, excluded } = choice.sites;
  const blocks: KnownBlock[] = [];
  if (bindable.length > 0) blocks.push(officeNetworkInput(blockId, bindable.slice(0, 100), optional, selected));
  else blocks.push(note(`No office network in ${choice.regionId} can be bound to a CEN instance.`));
  if (excluded.length > 0) blocks.push(note(explainExcluded(excluded)));
  return blocks;
}

function officeNetworkInput(blockId: string, sites: OfficeSite[], optional: boolean, selected?: string): KnownBlock {
  const options: PlainTextOption[] = sites.map((site) => ({ text: { type: 'plain_text', text: truncate(`${site.name} (${site.officeSiteId})`, 75) }, value: site.officeSiteId }));
  const initial = options.find((option) => option.value === selected);
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: { type: 'plain_text', text: 'Office network' },
    hint: { type: 'plain_text', text: 'The advanced office network to attach to the CEN instance.' },
    element: { type: 'static_select', action_id: INPUT_ACTION, placeholder: { type: 'plain_text', text: 'Choose an office network' }, options, ...(initial ? { initial_option: initial } : {}) },
  };
}

function explainExcluded(excluded: RegionOfficeSites['excluded']): string {
  const lines = excluded.slice(0, MAX_EXPLAINED).map(({ site, reason }) => `• ${escapeMrkdwn(truncate(site.name, 60))} (\`${escapeMrkdwn(site.officeSiteId)}\`): ${escapeMrkdwn(reason)}`);
  if (excluded.length > MAX_EXPLAINED) lines.push(`• and ${excluded.length - MAX_EXPLAINED} more`);
  return `Not offered:\n${lines.join('\n')}`;
}

function note(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, 3000) }] };
}
