import type { App, BlockAction, ButtonAction } from '@slack/bolt';

import { alreadyHandled } from '../../requests/service';
import { slackErrorCode } from '../../requests/announcer';
import { buildCodeModal } from '../blocks/code-modal';
import { ACTIONS, CODE_BLOCKS, VIEWS } from '../ids';
import { interactionLog, type ListenerDeps } from './context';
import { listOfficeNetworks } from './office-networks';
import { sendPrivately } from './private-reply';
import { parseModalMetadata, readValue } from './views';

const VERIFY_CODE = /^[A-Za-z0-9]{4,12}$/;

/** Registers "Enter verification code": a modal for the code, then the binding. */
export function registerCodeEntry(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.enterCode, async ({ ack, body, action, client }) => {
    await ack();
    const actor = { userId: body.user.id, teamId: body.user.team_id };
    const log = interactionLog(deps.log, { ...actor, kind: 'enter_code', id: action.action_ts });
    const channelId = body.channel?.id;
    const request = await deps.service.store.get(action.value ?? '');

    let blocker: string | undefined;
    if (!request) blocker = 'This request was not found.';
    else if (!(await deps.service.binding.mayEnterCode(request, actor))) blocker = 'Only the requester and the approvers can enter the verification code.';
    else if (request.status !== 'sent') blocker = alreadyHandled(request);
    if (blocker || !request) {
      await sendPrivately(client, { channelId, userId: actor.userId, text: blocker ?? '' }, log);
      return;
    }

    try {
      const opened = await client.views.open({ trigger_id: body.trigger_id, view: buildCodeModal(request, channelId) });
      if (!request.officeSiteId && opened.view?.id) {
        const offices = await listOfficeNetworks(deps, request.regionId, log);
        await client.views.update({ view_id: opened.view.id, hash: opened.view.hash, view: buildCodeModal(request, channelId, offices) });
      }
    } catch (error) {
      log.error({ err: error, slackError: slackErrorCode(error) }, 'code modal could not be opened');
      await sendPrivately(client, { channelId, userId: actor.userId, text: `The code form could not be opened (${slackErrorCode(error)}). Press Enter verification code again.` }, log);
    }
  });

  app.view(VIEWS.code, async ({ ack, body, view, client }) => {
    const actor = { userId: body.user.id, teamId: body.user.team_id };
    const log = interactionLog(deps.log, { ...actor, kind: 'code_submission', id: view.id });
    const { requestId, channelId } = parseModalMetadata(view.private_metadata);
    const verifyCode = readValue(view, CODE_BLOCKS.verifyCode)?.trim() ?? '';
    const officeSiteId = readValue(view, CODE_BLOCKS.officeSite);

    const errors: Record<string, string> = {};
    if (!VERIFY_CODE.test(verifyCode)) errors[CODE_BLOCKS.verifyCode] = 'Enter the code from the CEN owner’s email: 4 to 12 letters or digits, without spaces.';
    if (view.blocks.some((block) => block.block_id === CODE_BLOCKS.officeSite) && !officeSiteId) errors[CODE_BLOCKS.officeSite] = 'Choose the office network to bind.';
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();

    const request = await deps.service.store.get(requestId);
    const site = officeSiteId && request ? deps.offices.cached(request.regionId, officeSiteId) : undefined;
    const officeSite = officeSiteId ? { id: officeSiteId, name: site?.name } : undefined;
    const reply = await deps.service.binding.enterCode(requestId, actor, verifyCode, officeSite, log).catch((error: unknown) => {
      log.error({ requestId, errorName: (error as Error)?.name }, 'code entry failed');
      return { text: 'Binding failed because of an error in the app; the request is unchanged unless its thread says otherwise. Try again in a minute.' };
    });
    if (reply.text) await sendPrivately(client, { channelId, userId: actor.userId, text: reply.text }, log);
  });
}
