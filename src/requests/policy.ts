import type { VerifyRequest } from './model';

/** The user who clicked or typed, from the signed Slack payload, never from private_metadata. */
export interface Actor {
  userId: string;
  teamId?: string;
}

/** Members of a Slack user group; throws when they cannot be read. */
export interface GroupDirectory {
  members(groupId: string): Promise<string[]>;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOWED: Decision = { allowed: true };

/** The rules on who may request and who may approve, from REQUESTERS, APPROVERS and their user groups. */
export class ApprovalPolicy {
  constructor(
    private readonly approvers: readonly string[],
    private readonly requesters: readonly string[],
    private readonly groups: GroupDirectory,
    private readonly homeTeamId: () => string | undefined,
  ) {}

  /** Decides whether the actor may make requests. */
  async mayRequest(actor: Actor): Promise<Decision> {
    const foreign = this.foreignTeam(actor);
    if (foreign) return foreign;
    if (this.requesters.length === 0) return ALLOWED;

    const listed = await this.isListed(actor.userId, this.requesters);
    if (listed === 'lookup_failed') return { allowed: false, reason: 'Could not check your user groups in Slack, so the request was not made. Try again in a minute.' };
    if (!listed) return { allowed: false, reason: 'You are not allowed to make CEN verification requests: ask an admin of this app to add you (or one of your user groups) to REQUESTERS.' };
    return ALLOWED;
  }

  /** Decides whether the actor may approve, reject or retry this request. */
  async mayApprove(actor: Actor, request: VerifyRequest, verb: 'approve' | 'reject' | 'retry' = 'approve'): Promise<Decision> {
    const foreign = this.foreignTeam(actor);
    if (foreign) return foreign;
    if (actor.userId === request.requesterId) return { allowed: false, reason: `You cannot ${verb} your own request: another approver has to.` };

    const listed = await this.isListed(actor.userId, this.approvers);
    if (listed === 'lookup_failed') return { allowed: false, reason: 'Could not check the approver user groups in Slack, so nothing was changed. Try again in a minute.' };
    if (!listed) return { allowed: false, reason: `You cannot ${verb} this request: only the approvers listed in APPROVERS (or their user groups) can.` };
    return ALLOWED;
  }

  /** Tells whether the user is an approver, without the requester rule; false when groups cannot be read. */
  async isApprover(actor: Actor): Promise<boolean> {
    if (this.foreignTeam(actor)) return false;
    return (await this.isListed(actor.userId, this.approvers)) === true;
  }

  private foreignTeam(actor: Actor): Decision | undefined {
    const home = this.homeTeamId();
    if (home && actor.teamId && actor.teamId !== home) {
      return { allowed: false, reason: 'Only members of the workspace where this app is installed can request or approve.' };
    }
    return undefined;
  }

  private async isListed(userId: string, list: readonly string[]): Promise<boolean | 'lookup_failed'> {
    if (list.includes(userId)) return true;

    // The groups are read at once: a submission waits for them before its ack, within Slack's 3 s.
    const groups = list.filter((id) => id.startsWith('S'));
    try {
      const memberships = await Promise.all(groups.map((group) => this.groups.members(group)));
      return memberships.some((members) => members.includes(userId));
    } catch {
      return 'lookup_failed';
    }
  }
}
