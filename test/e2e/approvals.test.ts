import { createLogger } from '../../src/logger';
import type { RequestStatus } from '../../src/requests/model';
import { SimulatedWorld, waitFor, WORLD, type WorldOptions } from '../../src/simulators/world';

const ALL: RequestStatus[] = ['pending', 'approved', 'sending', 'sent', 'failed', 'unknown', 'rejected', 'cancelled', 'expired'];
const quiet = createLogger('error');

describe('approval policy and lifecycle', () => {
  let world: SimulatedWorld;
  let now: Date;

  async function start(options: WorldOptions = {}): Promise<void> {
    now = new Date();
    world = await new SimulatedWorld({ mode: 'http', clock: () => now, ...options }).start();
  }

  async function requestAndWait(userId: string = WORLD.requester, values = {}) {
    const count = world.topLevelMessages().length;
    await world.request(values, userId);
    return world.awaitApprovalMessage(count + 1);
  }

  async function onlyRequest() {
    const requests = await world.runtime.store.listByStatus(ALL);
    expect(requests).toHaveLength(1);
    return requests[0];
  }

  afterEach(async () => {
    await world.stop();
  });

  it('accepts an approver through a user group', async () => {
    await start({ env: { APPROVERS: WORLD.approverGroup } });
    await requestAndWait();

    await world.click('approve', WORLD.approver);
    await waitFor(() => world.ecd.callsTo('SendVerifyCode').length === 1);

    expect(world.slack.callsTo('usergroups.users.list')[0].args.usergroup).toBe(WORLD.approverGroup);
  });

  it('refuses when the user group cannot be read', async () => {
    await start({ env: { APPROVERS: WORLD.approverGroup } });
    await requestAndWait();
    world.slack.failNext('usergroups.users.list', 'internal_error', 5);

    await world.click('approve', WORLD.approver);
    await waitFor(() => world.slack.ephemerals(WORLD.approver).length === 1);

    expect(world.slack.ephemerals(WORLD.approver)[0].text).toContain('Could not check');
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(0);
    expect((await onlyRequest()).status).toBe('pending');
  });

  it('mentions the approvers and their groups in the approval message', async () => {
    await start({ env: { APPROVERS: `${WORLD.approver},${WORLD.approverGroup}` } });
    const message = await requestAndWait();

    const json = JSON.stringify(message.blocks);
    expect(json).toContain(`<@${WORLD.approver}>`);
    expect(json).toContain(`<!subteam^${WORLD.approverGroup}>`);
  });

  it('needs REQUIRED_APPROVALS distinct approvers and shows who approved so far', async () => {
    await start({ env: { REQUIRED_APPROVALS: '2' } });
    const message = await requestAndWait();

    await world.click('approve', WORLD.approver);
    await waitFor(() => world.slack.ephemerals(WORLD.approver).length === 1);
    expect(JSON.stringify(world.slack.message(WORLD.channel, message.ts)!.blocks)).toContain(`1 of 2 (approved by <@${WORLD.approver}>)`);
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(0);

    await world.click('approve', WORLD.approver);
    await waitFor(() => world.slack.ephemerals(WORLD.approver).length === 2);
    expect(world.slack.ephemerals(WORLD.approver)[1].text).toContain('already approved');

    await world.click('approve', WORLD.secondApprover);
    await waitFor(() => world.ecd.callsTo('SendVerifyCode').length === 1);
    const request = await onlyRequest();
    expect(request.approvals.map((approval) => approval.userId)).toEqual([WORLD.approver, WORLD.secondApprover]);
  });

  it('refuses requests from users outside REQUESTERS at submission', async () => {
    await start({ env: { REQUESTERS: WORLD.approver } });

    const result = await world.request({}, WORLD.requester);

    expect(result.body).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(result.body)).toContain('REQUESTERS');
    expect(await world.runtime.store.listByStatus(ALL)).toHaveLength(0);
  });

  it('refuses approvers from another workspace', async () => {
    await start({ env: { APPROVERS: `${WORLD.approver},U0FOREIGN` } });
    world.slack.addUser({ id: 'U0FOREIGN', name: 'foreign.approver', teamId: 'T0OTHERTEAM' });
    await requestAndWait();

    await world.click('approve', 'U0FOREIGN');
    await waitFor(() => world.slack.dms('U0FOREIGN').length === 1);

    expect(world.slack.dms('U0FOREIGN')[0].text).toContain('workspace');
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(0);
  });

  it('opens no reject modal for someone who is not an approver', async () => {
    await start();
    await requestAndWait();

    await world.click('reject', WORLD.outsider);
    await waitFor(() => world.slack.ephemerals(WORLD.outsider).length === 1);

    expect(world.slack.ephemerals(WORLD.outsider)[0].text).toContain('cannot reject');
    expect(world.slack.openViews().some((view) => view.callback_id === 'cen_verify_reject')).toBe(false);
  });

  it('lets the requester cancel a pending request from the DM', async () => {
    await start();
    const message = await requestAndWait();
    await waitFor(() => world.slack.dms(WORLD.requester).length === 1);
    const dm = world.slack.dms(WORLD.requester)[0];

    expect(JSON.stringify(dm.blocks).match(/"action_id":"cancel"/g)).toHaveLength(1);
    const channelId = world.slack.workspace.dmChannelId(WORLD.requester)!;
    await world.driver.clickButton({ userId: WORLD.requester, channelId, messageTs: dm.ts, actionId: 'cancel' });
    await waitFor(() => JSON.stringify(world.slack.message(WORLD.channel, message.ts)!.blocks).includes('Cancelled'));

    expect((await onlyRequest()).status).toBe('cancelled');
  });

  it('expires a pending request after REQUEST_TTL, also after a restart', async () => {
    await start({ env: { REQUEST_TTL: '1h' } });
    const message = await requestAndWait();
    now = new Date(now.getTime() + 2 * 3_600_000);
    await world.restart();
    await world.runtime.housekeeping.expireDue(quiet);

    expect((await onlyRequest()).status).toBe('expired');
    await waitFor(() => JSON.stringify(world.slack.message(WORLD.channel, message.ts)!.blocks).includes('Expired'));
    await waitFor(() => world.slack.dms(WORLD.requester).some((dm) => dm.text.includes('expired')));
  });

  it('expires instead of approving a click after REQUEST_TTL', async () => {
    await start({ env: { REQUEST_TTL: '1h' } });
    await requestAndWait();

    now = new Date(now.getTime() + 3_600_001);
    await world.click('approve', WORLD.approver);
    await waitFor(() => world.slack.ephemerals(WORLD.approver).length === 1);

    expect(world.slack.ephemerals(WORLD.approver)[0].text).toContain('expired');
    expect((await onlyRequest()).status).toBe('expired');
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(0);
  });

  it('reminds the approvers in the thread at half the TTL, once', async () => {
    await start({ env: { REQUEST_TTL: '2h' } });
    const message = await requestAndWait();

    now = new Date(now.getTime() + 61 * 60_000);
    await world.runtime.housekeeping.remindDue(quiet);
    await world.runtime.housekeeping.remindDue(quiet);

    const replies = world.slack.threadReplies(WORLD.channel, message.ts);
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toContain('Reminder');
  });

  it('retries a failed send once', async () => {
    await start();
    world.ecd.failNext('SendVerifyCode', { kind: 'error', status: 400, code: 'InvalidParameter', message: 'bad' });
    const message = await requestAndWait();
    await world.click('approve', WORLD.approver);
    await waitFor(() => world.slack.threadReplies(WORLD.channel, message.ts).length === 1);

    const failure = world.slack.threadReplies(WORLD.channel, message.ts)[0];
    await world.driver.clickButton({ userId: WORLD.secondApprover, channelId: WORLD.channel, messageTs: failure.ts, actionId: 'retry' });
    await waitFor(() => world.ecd.callsTo('SendVerifyCode').length === 2);
    await waitFor(() => world.slack.threadReplies(WORLD.channel, message.ts).length === 2);

    const request = await onlyRequest();
    expect(request.status).toBe('sent');
    const events = await world.runtime.store.events(request.id);
    expect(events.filter((event) => event.action === 'retry_started').map((event) => event.actor)).toEqual([WORLD.secondApprover]);
  });

  it('ignores an old Retry once the code was sent', async () => {
    await start({ env: { RESEND_COOLDOWN: '1ms' } });
    world.ecd.failNext('SendVerifyCode', { kind: 'unavailable' }, 4);
    const message = await requestAndWait();
    await world.click('approve', WORLD.approver);
    await waitFor(() => world.slack.threadReplies(WORLD.channel, message.ts).length === 1);
    const failure = world.slack.threadReplies(WORLD.channel, message.ts)[0];
    await world.driver.clickButton({ userId: WORLD.approver, channelId: WORLD.channel, messageTs: failure.ts, actionId: 'retry' });
    await waitFor(() => world.slack.threadReplies(WORLD.channel, message.ts).length === 2);

    await world.driver.clickButton({ userId: WORLD.secondApprover, channelId: WORLD.channel, messageTs: failure.ts, actionId: 'retry' });
    await waitFor(() => world.slack.ephemerals(WORLD.secondApprover).length === 1);

    expect(world.slack.ephemerals(WORLD.secondApprover)[0].text).toMatch(/^Already handled: code sent/);
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(5);
    expect((await onlyRequest()).status).toBe('sent');
  });

  it('keeps Retry on the approval message when the thread reply is lost', async () => {
    await start();
    world.ecd.failNext('SendVerifyCode', { kind: 'timeout', ms: 3_000, afterAction: true });
    const message = await requestAndWait();
    world.slack.failNext('chat.postMessage', 'internal_error', 3);

    await world.click('approve', WORLD.approver);
    await waitFor(async () => (await onlyRequest()).status === 'unknown', 'the send did not end unknown', 8_000);

    await waitFor(() => JSON.stringify(world.slack.message(WORLD.channel, message.ts)!.blocks).includes('"action_id":"retry"'));
    expect(world.slack.threadReplies(WORLD.channel, message.ts)).toHaveLength(0);
  });

  it('says in the thread when the approval message cannot be updated', async () => {
    await start();
    const message = await requestAndWait();
    world.slack.failNext('chat.update', 'cant_update_message', 10);

    await world.click('approve', WORLD.approver);
    await waitFor(() => world.slack.threadReplies(WORLD.channel, message.ts).some((reply) => reply.text.includes('could not be updated')));

    expect(world.slack.threadReplies(WORLD.channel, message.ts).some((reply) => reply.text.includes('cant_update_message'))).toBe(true);
    await waitFor(() => world.ecd.callsTo('SendVerifyCode').length === 1);
  });

  it('keeps the requester from pressing Retry', async () => {
    await start();
    world.ecd.failNext('SendVerifyCode', { kind: 'serverError' });
    const message = await requestAndWait();
    await world.click('approve', WORLD.approver);
    await waitFor(() => world.slack.threadReplies(WORLD.channel, message.ts).length === 1);
    const failure = world.slack.threadReplies(WORLD.channel, message.ts)[0];

    await world.driver.clickButton({ userId: WORLD.requester, channelId: WORLD.channel, messageTs: failure.ts, actionId: 'retry' });
    await waitFor(() => world.slack.ephemerals(WORLD.requester).length === 1);

    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(1);
    expect((await onlyRequest()).status).toBe('unknown');
  });

  it('blocks a second code to the same CEN owner within RESEND_COOLDOWN', async () => {
    await start({ env: { RESEND_COOLDOWN: '10m' } });
    await requestAndWait();
    await world.click('approve', WORLD.approver);
    await waitFor(() => world.ecd.callsTo('SendVerifyCode').length === 1);

    const second = await requestAndWait(WORLD.secondApprover);
    expect(JSON.stringify(second.blocks)).toContain('Last code for this CEN and owner');
    await world.click('approve', WORLD.approver);
    await waitFor(() => world.slack.ephemerals(WORLD.approver).length === 1);

    expect(world.slack.ephemerals(WORLD.approver)[0].text).toContain('RESEND_COOLDOWN');
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(1);
  });
});
