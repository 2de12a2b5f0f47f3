import type { App, ViewOutput } from '@slack/bolt';

import { validateSubmission, type SubmissionInput } from '../../requests/schemas';
import { buildRefusalModal } from '../blocks/request-modal';
import { INPUT_ACTION, REJECT_BLOCKS, REQUEST_BLOCKS, VIEWS } from '../ids';
import { interactionLog, type ListenerDeps } from './context';
import { sendPrivately } from './private-reply';

/** Registers the modal submissions: a new request, and a rejection with its reason. */
export function registerViews(app: App, deps: ListenerDeps): void {
  app.view(VIEWS.request, async ({ ack, body, view }) => {
    const actor = { userId: body.user.id, teamId: body.user.team_id };
    const log = interactionLog(deps.log, { ...actor, kind: 'request_submission', id: view.id });

    const result = validateSubmission(readRequestFields(view), deps.regions());
    if (!result.ok) {
      const errors = Object.fromEntries(Object.entries(result.errors).map(([field, message]) => [REQUEST_BLOCKS[field as keyof SubmissionInput], message]));
      await ack({ response_action: 'errors', errors });
      return;
    }
    if (deps.ownAccountId && result.value.cenOwnerId === deps.ownAccountId) {
      await ack({ response_action: 'errors', errors: { [REQUEST_BLOCKS.cenOwnerId]: 'This CEN belongs to the app’s own Alibaba Cloud account, so no verification code is needed: bind it directly.' } });
      return;
    }

    const decision = await deps.policy.mayRequest(actor);
    if (!decision.allowed) {
      await ack({ response_action: 'update', view: buildRefusalModal(decision.reason) });
      return;
    }
    await ack();
    await deps.service.submit(actor, result.value, log).catch((error) => log.error({ err: error }, 'request submission failed'));
  });

  app.view(VIEWS.reject, async ({ ack, body, view, client }) => {
    const actor = { userId: body.user.id, teamId: body.user.team_id };
    const log = interactionLog(deps.log, { ...actor, kind: 'reject_submission', id: view.id });
    const reason = readValue(view, REJECT_BLOCKS.reason)?.trim() ?? '';
    if (reason === '' || reason.length > 500) {
      await ack({ response_action: 'errors', errors: { [REJECT_BLOCKS.reason]: 'Give a reason of 1 to 500 characters; the requester reads it.' } });
      return;
    }
    await ack();

    const { requestId, channelId } = parseRejectMetadata(view.private_metadata);
    const reply = await deps.service.reject(requestId, actor, reason, log).catch((error) => {
      log.error({ err: error, requestId }, 'rejection failed');
      return { text: 'The rejection failed because of an error in the app; try again in a minute.' };
    });
    if (reply.text) await sendPrivately(client, { channelId, userId: actor.userId, text: reply.text }, log);
  });
}

function readRequestFields(view: ViewOutput): SubmissionInput {
  return {
    cenId: readValue(view, REQUEST_BLOCKS.cenId),
    cenOwnerId: readValue(view, REQUEST_BLOCKS.cenOwnerId),
    regionId: readValue(view, REQUEST_BLOCKS.regionId),
    reason: readValue(view, REQUEST_BLOCKS.reason),
  };
}

function readValue(view: ViewOutput, blockId: string): string | undefined {
  const state = view.state.values[blockId]?.[INPUT_ACTION];
  if (!state) return undefined;
  return state.selected_option?.value ?? state.value ?? undefined;
}

/** Reads where the reject modal came from; identity never comes from here, only from the payload. */
export function parseRejectMetadata(metadata: string): { requestId: string; channelId?: string } {
  try {
    const parsed = JSON.parse(metadata) as { requestId?: unknown; channelId?: unknown };
    return { requestId: String(parsed.requestId ?? ''), channelId: typeof parsed.channelId === 'string' ? parsed.channelId : undefined };
  } catch {
    return { requestId: '' };
  }
}
