import type { App, BlockAction, StaticSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

import { classifyEcdError } from '../../alicloud/errors';
import type { Logger } from '../../logger';
import { slackErrorCode } from '../../requests/announcer';
import type { SubmissionInput } from '../../requests/schemas';
import { buildRequestModal } from '../blocks/request-modal';
import type { OfficeNetworkChoice } from '../blocks/office-networks';
import { INPUT_ACTION, REQUEST_BLOCKS } from '../ids';
import { interactionLog, type ListenerDeps } from './context';
import { readRequestFields } from './views';

/** Registers the region choice in the request modal, which lists that region's office networks. */
export function registerOfficeNetworks(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<StaticSelectAction>>({ block_id: REQUEST_BLOCKS.regionId, action_id: INPUT_ACTION }, async ({ ack, body, action, client }) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const log = interactionLog(deps.log, { userId: body.user.id, teamId: body.user.team_id, kind: 'region_choice', id: view.id });

    const prefill = readRequestFields(view);
    await showOfficeNetworks(client, deps, { viewId: view.id, hash: view.hash, regionId: action.selected_option.value, prefill }, log);
  });
}

/** Lists the region's office networks and puts them in the open request modal. */
export async function showOfficeNetworks(
  client: WebClient,
  deps: ListenerDeps,
  target: { viewId: string; hash?: string; regionId: string; prefill: SubmissionInput & { officeSiteId?: string } },
  log: Logger,
): Promise<void> {
  const choice = await listOfficeNetworks(deps, target.regionId, log);
  const view = buildRequestModal(deps.regions(), { ...target.prefill, regionId: target.regionId }, choice);
  try {
    await client.views.update({ view_id: target.viewId, ...(target.hash ? { hash: target.hash } : {}), view });
  } catch (error) {
    // hash_conflict means the person changed the modal meanwhile; their newer choice updates it.
    log.warn({ err: error, slackError: slackErrorCode(error) }, 'request modal update failed');
  }
}

/** Lists a region's office networks for a modal; a failure becomes a note, never an exception. */
export async function listOfficeNetworks(deps: ListenerDeps, regionId: string, log: Logger): Promise<OfficeNetworkChoice> {
  try {
    return { regionId, state: 'listed', sites: await deps.offices.list(regionId, log) };
  } catch (thrown) {
    const error = classifyEcdError(thrown);
    log.warn({ regionId, code: error.code, alibabaCode: error.alibabaCode, alibabaRequestId: error.requestId }, 'office networks could not be listed');
    return { regionId, state: 'failed', error: error.alibabaCode ?? error.code };
  }
}
