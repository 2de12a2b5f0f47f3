import type { App, ViewOutput } from '@slack/bolt';

import { validateSubmission, type SubmissionInput } from '../../requests/schemas';
import { buildNotAllowedModal } from '../blocks/request-modal';
import { INPUT_ACTION, REJECT_BLOCKS, REQUEST_BLOCKS, VIEWS } from '../ids';
import { interactionLog, type ListenerDeps } from './context';
import { sendPrivately } from './private-reply';

/** Registers the modal submissions: a new request, and a rejection with its reason. */
export function registerViews(app: App, deps: ListenerDeps): void {
  app.view(VIEWS.request, async ({ ack, body, view, client }) => {
    const actor = { userId: body.user.id, teamId: body.user.team_id };
    const log = interactionLog(deps.log, { ...actor, kind: 'request_submission', id: view.id });

    const fields = readRequestFields(view);
    const result = validateSubmission(fields, deps.regions());
    const officeSite = checkOfficeSite(deps, result.ok ? result.value.regionId : undefined, fields.officeSiteId);
    if (!result.ok || officeSite.error) {
      const errors = Object.fromEntries(Object.entries(result.ok ? {} : result.errors).map(([field, message]) => [REQUEST_BLOCKS[field as keyof SubmissionInput], message]));
      if (officeSite.error) errors[REQUEST_BLOCKS.officeSite] = officeSite.error;
      await ack({ response_action: 'errors', errors });
      return;
    }
    if (deps.ownAccountId && result.value.cenOwnerId === deps.ownAccountId) {
      await ack({ response_action: 'errors', errors: { [REQUEST_BLOCKS.cenOwnerId]: 'This CEN belongs to the app’s own Alibaba Cloud account, so no verification code is needed: bind it directly.' } });
      return;
    }

    const decision = await deps.policy.mayRequest(actor);
    if (!decision.allowed) {
      await ack({ response_action: 'update', view: buildNotAllowedModal(decision.reason) });
      return;
    }
    await ack();
    await deps.service.submit(actor, { ...result.value, officeSiteId: fields.officeSiteId, officeSiteName: officeSite.name, sourceViewId: view.id }, log).catch(async (error) => {
      log.error({ err: error }, 'request submission failed');
      const text = 'Your CEN verification request could not be saved because of an error in the app, so nothing was posted for approval. Try again in a minute; if it keeps failing, tell an admin of this app.';
      await sendPrivately(client, { userId: actor.userId, text }, log);
    });
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

    const { requestId, channelId } = parseModalMetadata(view.private_metadata);
    const reply = await deps.service.reject(requestId, actor, reason, log).catch((error) => {
      log.error({ err: error, requestId }, 'rejection failed');
      return { text: 'The rejection failed because of an error in the app; try again in a minute.' };
    });
    if (reply.text) await sendPrivately(client, { channelId, userId: actor.userId, text: reply.text }, log);
  });
}

/** Reads what the person entered in the request modal so far. */
export function readRequestFields(view: ViewOutput): SubmissionInput & { officeSiteId?: string } {
  return {
    cenId: readValue(view, REQUEST_BLOCKS.cenId),
    cenOwnerId: readValue(view, REQUEST_BLOCKS.cenOwnerId),
    regionId: readValue(view, REQUEST_BLOCKS.regionId),
    reason: readValue(view, REQUEST_BLOCKS.reason),
    officeSiteId: readValue(view, REQUEST_BLOCKS.officeSite),
  };
}

export function readValue(view: ViewOutput, blockId: string): string | undefined {
  const state = view.state.values[blockId]?.[INPUT_ACTION];
  if (!state) return undefined;
  return state.selected_option?.value ?? state.value ?? undefined;
}

/** Reads which request and channel a modal belongs to; identity never comes from here, only from the payload. */
export function parseModalMetadata(metadata: string): { requestId: string; channelId?: string } {
  try {
    const parsed = JSON.parse(metadata) as { requestId?: unknown; channelId?: unknown };
    return { requestId: String(parsed.requestId ?? ''), channelId: typeof parsed.channelId === 'string' ? parsed.channelId : undefined };
  } catch {
    return { requestId: '' };
  }
}

/** Checks a chosen office network against the last listing of its region. */
function checkOfficeSite(deps: ListenerDeps, regionId: string | undefined, officeSiteId: string | undefined): { error?: string; name?: string } {
  if (!officeSiteId || !regionId) return {};
  if (!OFFICE_SITE_ID.test(officeSiteId)) return { error: 'Choose an office network from the list.' };
  const site = deps.offices.cached(regionId, officeSiteId);
  if (!site && !officeSiteId.startsWith(`${regionId}+`)) return { error: `Choose an office network in ${regionId}.` };
  return { name: site?.name };
}

const OFFICE_SITE_ID = /^[a-z0-9-]+\+dir-[0-9a-z]+$/;
