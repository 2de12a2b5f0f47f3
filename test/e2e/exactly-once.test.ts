import type { RequestStatus } from '../../src/requests/model';
import { SimulatedWorld, waitFor, WORLD } from '../../src/simulators/world';

const ALL: RequestStatus[] = ['pending', 'approved', 'sending', 'sent', 'failed', 'unknown', 'rejected', 'cancelled', 'expired'];

describe.each(['http', 'socket'] as const)('exactly once over %s', (mode) => {
  let world: SimulatedWorld;

  beforeEach(async () => {
    world = await new SimulatedWorld({ mode }).start();
    await world.request();
    await world.awaitApprovalMessage();
  });

  afterEach(async () => {
    await world.stop();
  });

  const settled = async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const requests = await world.runtime.store.listByStatus(ALL);
    expect(requests).toHaveLength(1);
    return requests[0];
  };

  it('sends one code for five simultaneous Approve clicks', async () => {
    await Promise.all(Array.from({ length: 5 }, () => world.click('approve', WORLD.approver)));
    await waitFor(() => world.slack.ephemerals(WORLD.approver).length === 4);
    await waitFor(() => world.ecd.callsTo('SendVerifyCode').length > 0);

    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(1);
    expect((await settled()).status).toBe('sent');
    for (const ephemeral of world.slack.ephemerals(WORLD.approver)) expect(ephemeral.text).toMatch(/^Already handled: .* by <@U0APPROVER1>\.$/);
  });

  it('sends one code when two approvers click at once', async () => {
    await Promise.all([world.click('approve', WORLD.approver), world.click('approve', WORLD.secondApprover)]);
    await waitFor(() => world.slack.ephemerals().length === 1);
    await waitFor(() => world.ecd.callsTo('SendVerifyCode').length > 0);

    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(1);
    expect((await settled()).status).toBe('sent');
  });

  it('ends with one state when Approve and Reject land together', async () => {
    await world.click('reject', WORLD.secondApprover);
    await waitFor(() => world.slack.openViews().some((view) => view.callback_id === 'cen_verify_reject'));
    const modal = world.slack.openViews().find((view) => view.callback_id === 'cen_verify_reject')!;

    await Promise.all([
      world.click('approve', WORLD.approver),
      world.driver.submitView({ viewId: modal.id, userId: WORLD.secondApprover, values: { reject_reason: 'Wrong CEN' } }),
    ]);
    await waitFor(() => world.slack.ephemerals().length === 1);

    const request = await settled();
    const sends = world.ecd.callsTo('SendVerifyCode').length;
    expect(['sent', 'rejected']).toContain(request.status);
    expect(sends).toBe(request.status === 'sent' ? 1 : 0);
    expect(world.slack.ephemerals()[0].text).toMatch(/^Already handled/);
  });

  it('ignores a redelivery of the same click', async () => {
    await world.click('approve', WORLD.approver);
    await world.driver.clickButton({ userId: WORLD.approver, channelId: WORLD.channel, messageTs: world.approvalMessage().ts, actionId: 'approve', delivery: { retryNum: 1, retryReason: 'http_timeout' } }).catch(() => undefined);
    await settled();

    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(1);
  });

  it('tells a click during the send that it is already handled', async () => {
    world.slack.delayNext('chat.update', 400, 2);
    world.ecd.failNext('SendVerifyCode', { kind: 'timeout', ms: 400 });
    await world.click('approve', WORLD.approver);
    await waitFor(() => world.slack.callsTo('chat.update').length === 0 && world.slack.ephemerals().length === 0);

    await world.click('approve', WORLD.secondApprover);
    await waitFor(() => world.slack.ephemerals(WORLD.secondApprover).length === 1);

    expect(world.slack.ephemerals(WORLD.secondApprover)[0].text).toMatch(/^Already handled: (approved|sending the code) by <@U0APPROVER1>\.$/);
    await waitFor(() => world.ecd.mailbox(WORLD.cenOwnerId).length === 1);
    expect((await settled()).status).toBe('sent');
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(1);
  });
});
