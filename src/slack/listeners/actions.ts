import type { App, BlockAction, ButtonAction, SlackActionMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';

import type { Logger } from '../../logger';
import type { Actor } from '../../requests/policy';
import { alreadyHandled, type Reply } from '../../requests/service';
import { slackErrorCode } from '../../requests/announcer';
import { ACTIONS, INPUT_ACTION, REJECT_BLOCKS, VIEWS } from '../ids';
import { interactionLog, type ListenerDeps } from './context';
import { sendPrivately } from './private-reply';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** Registers the buttons: Approve, Reject, Retry and the requester's Cancel. */
export function registerActions(app: App, deps: ListenerDeps): void {
  const handle = (kind: string, run: (requestId: string, actor: Actor, log: Logger) => Promise<Reply>) =>
    async ({ ack, body, action, client }: ButtonArgs) => {
      await ack();
      const actor = { userId: body.user.id, teamId: body.user.team_id };
      const log = interactionLog(deps.log, { ...actor, kind, id: action.action_ts });
      const reply = await run(action.value ?? '', actor, log).catch((error): Reply => {
        log.error({ err: error, requestId: action.value }, 'button handling failed');
        return { text: 'That failed because of an error in the app; the request is unchanged unless its message says otherwise. Try again in a minute.' };
      });
      if (reply.text) await sendPrivately(client, { channelId: body.channel?.id, userId: actor.userId, text: reply.text }, log);
    };

  app.action<BlockAction<ButtonAction>>(ACTIONS.approve, handle('approve', (id, actor, log) => deps.service.approve(id, actor, log)));
  app.action<BlockAction<ButtonAction>>(ACTIONS.retry, handle('retry', (id, actor, log) => deps.service.retry(id, actor, log)));
  app.action<BlockAction<ButtonAction>>(ACTIONS.cancel, handle('cancel', (id, actor, log) => deps.service.cancel(id, actor, log)));

  app.action<BlockAction<ButtonAction>>(ACTIONS.reject, async ({ ack, body, action, client }) => {
    await ack();
    const actor = { userId: body.user.id, teamId: body.user.team_id };
    const log = interactionLog(deps.log, { ...actor, kind: 'reject', id: action.action_ts });
    const blocker = await rejectionBlocker(deps, action.value ?? '', actor);
    if (blocker) {
      await sendPrivately(client, { channelId: body.channel?.id, userId: actor.userId, text: blocker }, log);
      return;
    }
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: buildRejectModal(action.value ?? '', body.channel?.id) });
    } catch (error) {
      log.error({ err: error, slackError: slackErrorCode(error) }, 'reject modal could not be opened');
      await sendPrivately(client, { channelId: body.channel?.id, userId: body.user.id, text: `The rejection form could not be opened (${slackErrorCode(error)}). Press Reject again.` }, log);
    }
  });
}

/** Returns why the actor cannot reject the request, checked before the modal for the reason opens. */
async function rejectionBlocker(deps: ListenerDeps, requestId: string, actor: Actor): Promise<string | undefined> {
  const request = await deps.service.store.get(requestId);
  if (!request) return 'This request was not found.';
  const decision = await deps.policy.mayApprove(actor, request, 'reject');
  if (!decision.allowed) return decision.reason;
  return request.status === 'pending' ? undefined : alreadyHandled(request);
}

function buildRejectModal(requestId: string, channelId: string | undefined): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.reject,
    private_metadata: JSON.stringify({ requestId, channelId }),
    title: { type: 'plain_text', text: 'Reject request' },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: REJECT_BLOCKS.reason,
        label: { type: 'plain_text', text: 'Reason' },
        hint: { type: 'plain_text', text: `The requester reads this. Request ${requestId}.` },
        element: { type: 'plain_text_input', action_id: INPUT_ACTION, multiline: true, max_length: 500 },
      },
    ],
  };
}
