import type { App } from '@slack/bolt';

import { validPrefill } from '../../requests/schemas';
import { slackErrorCode } from '../../requests/announcer';
import { buildRequestModal } from '../blocks/request-modal';
import { COMMAND } from '../ids';
import { interactionLog, type ListenerDeps } from './context';
import { showOfficeNetworks } from './office-networks';

export const USAGE = [
  '*/cen-verify* asks Alibaba Cloud to email a verification code to the owner of a CEN instance in another account, after an approver agrees.',
  '• `/cen-verify` opens the request form.',
  '• `/cen-verify cen-xxxx 1234567890123456 cn-hangzhou` opens it prefilled with the CEN instance ID, the CEN owner account ID and the region.',
  '• `/cen-verify help` shows this message.',
  'The request is posted in the approval channel; you get a DM with its progress and the next steps.',
].join('\n');

/** Registers `/cen-verify`: the modal opens before anything else, since its trigger expires in 3 s. */
export function registerCommands(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ command, ack, client, respond }) => {
    const log = interactionLog(deps.log, { userId: command.user_id, teamId: command.team_id, kind: 'command' });
    const args = command.text.trim().split(/\s+/).filter(Boolean);

    if (args[0]?.toLowerCase() === 'help') {
      await ack({ response_type: 'ephemeral', text: USAGE });
      return;
    }
    await ack();

    const prefill = validPrefill(args, deps.regions());
    try {
      const opened = await client.views.open({ trigger_id: command.trigger_id, view: buildRequestModal(deps.regions(), prefill) });
      if (prefill.regionId && opened.view?.id) {
        await showOfficeNetworks(client, deps, { viewId: opened.view.id, hash: opened.view.hash, regionId: prefill.regionId, prefill }, log);
      }
    } catch (error) {
      const slackError = slackErrorCode(error);
      log.error({ err: error, slackError }, 'request modal could not be opened');
      await respond({ response_type: 'ephemeral', text: `The request form could not be opened (${slackError}). Run /cen-verify again.` }).catch((respondError) =>
        log.error({ err: respondError }, 'response_url post failed'),
      );
    }
  });
}
