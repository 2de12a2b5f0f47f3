import type { WebClient } from '@slack/web-api';

import type { Logger } from '../../logger';
import { slackErrorCode } from '../../requests/announcer';

/**
 * Tells one person something privately: an ephemeral message in the channel where they clicked,
 * or a DM when there is no channel or the ephemeral cannot be posted.
 */
export async function sendPrivately(client: WebClient, target: { channelId?: string; userId: string; text: string }, log: Logger): Promise<void> {
  if (target.channelId) {
    try {
      await client.chat.postEphemeral({ channel: target.channelId, user: target.userId, text: target.text });
      return;
    } catch (error) {
      log.warn({ err: error, slackError: slackErrorCode(error) }, 'ephemeral reply failed, sending a DM');
    }
  }
  try {
    const opened = await client.conversations.open({ users: target.userId }).catch(() => undefined);
    await client.chat.postMessage({ channel: opened?.channel?.id ?? target.userId, text: target.text });
  } catch (error) {
    log.error({ err: error, slackError: slackErrorCode(error) }, 'private reply failed');
  }
}
