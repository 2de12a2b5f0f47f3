import type { OfficeSiteDirectory } from '../../alicloud/office-site-directory';
import type { Logger } from '../../logger';
import type { ApprovalPolicy } from '../../requests/policy';
import type { RequestService } from '../../requests/service';

/** Dependencies of the listeners, which translate between Slack and these and hold no rules. */
export interface ListenerDeps {
  service: RequestService;
  policy: ApprovalPolicy;
  regions: () => readonly string[];
  /** The account the app's credentials belong to; a CEN it owns needs no verification code. */
  ownAccountId?: string;
  offices: OfficeSiteDirectory;
  log: Logger;
}

/** Creates the logger of one interaction, carrying who acted and on what. */
export function interactionLog(log: Logger, fields: { userId?: string; teamId?: string; kind: string; id?: string }): Logger {
  return log.child({ slackUser: fields.userId, slackTeam: fields.teamId, interaction: fields.kind, interactionId: fields.id });
}
