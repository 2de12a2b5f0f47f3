import Database from 'better-sqlite3';

import type { RequestStatus } from '../../src/requests/model';
import { SimulatedWorld, waitFor, WORLD, type WorldOptions } from '../../src/simulators/world';

const ALL: RequestStatus[] = ['pending', 'approved', 'sending', 'sent', 'failed', 'unknown', 'rejected', 'cancelled', 'expired', 'binding', 'bound'];

describe('completing the binding', () => {
  let world: SimulatedWorld;

  async function start(options: WorldOptions = {}): Promise<void> {
    world = await new SimulatedWorld({ mode: 'http', ...options }).start();
  }

  const request = async () => (await world.runtime.store.listByStatus(ALL))[0];
  const replies = (ts: string) => world.slack.threadReplies(WORLD.channel, ts);
  const code = () => world.ecd.latestCode(WORLD.cenOwnerId, WORLD.cenId)!;

  afterEach(async () => {
    await world.stop();
  });

  it('lists only bindable office networks in the modal and explains the rest', async () => {
    await start();
    await world.request({ officeSiteId: WORLD.officeSiteId });
    const message = await world.awaitApprovalMessage();

    const modal = world.slack.callsTo('views.update').map((call) => JSON.stringify(call.args)).join('\n');
    expect(modal).toContain(WORLD.officeSiteId);
    expect(modal).toContain('Lab (basic)');
    expect(modal).toContain('a basic office network cannot join a CEN instance');
    expect(JSON.stringify(message.blocks)).toContain(WORLD.officeSiteId);
    expect((await request()).officeSiteId).toBe(WORLD.officeSiteId);
  });

  it('binds the office network with the right code', async () => {
    await start();
    const approval = await world.requestUntilCodeSent();

    await world.enterCode(WORLD.requester, code());
    await waitFor(() => replies(approval.ts).some((reply) => reply.text.includes('is attached')));

    expect((await request()).status).toBe('bound');
    expect(world.ecd.officeSite(WORLD.officeSiteId)?.cenId).toBe(WORLD.cenId);
    expect(world.ecd.callsTo('AttachCen')).toHaveLength(1);
    expect(world.ecd.callsTo('AttachCen')[0].params.CenOwnerId).toBe(WORLD.cenOwnerId);
    expect(JSON.stringify(world.slack.message(WORLD.channel, approval.ts)!.blocks)).toContain('Bound');
    await waitFor(() => world.slack.dms(WORLD.requester).some((dm) => dm.text.includes('is attached')));
  });

  it('asks for the office network with the code when the request has none', async () => {
    await start();
    const approval = await world.requestUntilCodeSent({});

    await world.enterCode(WORLD.approver, code(), WORLD.officeSiteId);
    await waitFor(() => replies(approval.ts).some((reply) => reply.text.includes('is attached')));

    expect((await request()).officeSiteId).toBe(WORLD.officeSiteId);
  });

  it.each(['status', 'error'] as const)('takes a wrong code, reported as %s, then the right one', async (style) => {
    await start({ ecd: { verifyCenRejections: style } });
    const approval = await world.requestUntilCodeSent();

    await world.enterCode(WORLD.requester, '000000');
    await waitFor(() => replies(approval.ts).some((reply) => reply.text.includes('was not bound')));
    const failure = replies(approval.ts).find((reply) => reply.text.includes('was not bound'))!;
    expect(JSON.stringify(failure)).toContain('VerifyCode.InvalidTokenCode');
    expect(JSON.stringify(failure)).toContain('wrong or has expired');
    expect((await request()).status).toBe('sent');

    await world.enterCode(WORLD.requester, code());
    await waitFor(() => replies(approval.ts).some((reply) => reply.text.includes('is attached')));
    expect((await request()).status).toBe('bound');
  });

  it('has a new code sent after too many attempts', async () => {
    await start({ env: { RESEND_COOLDOWN: '1s' } });
    const approval = await world.requestUntilCodeSent();
    for (let attempt = 0; attempt < 6; attempt++) {
      await world.enterCode(WORLD.requester, `00000${attempt}`);
      await waitFor(() => replies(approval.ts).filter((reply) => reply.text.includes('was not bound')).length === attempt + 1);
    }
    const last = replies(approval.ts).filter((reply) => reply.text.includes('was not bound')).pop()!;
    expect(JSON.stringify(last)).toContain('VerifyCode.ReachTokenRetryTime');
    expect(JSON.stringify(last.blocks)).not.toContain('enter_code');

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await world.driver.clickButton({ userId: WORLD.secondApprover, channelId: WORLD.channel, messageTs: last.ts, actionId: 'retry' });
    await waitFor(() => world.ecd.callsTo('SendVerifyCode').length === 2);
    await waitFor(() => (replies(approval.ts).filter((reply) => JSON.stringify(reply.blocks).includes('"action_id":"enter_code"')).length > 6));

    await world.enterCode(WORLD.requester, code());
    await waitFor(() => replies(approval.ts).some((reply) => reply.text.includes('is attached')));
    expect((await request()).status).toBe('bound');
  });

  it('explains a CIDR conflict', async () => {
    await start();
    world.ecd.addCen({ cenId: 'cen-conflict', ownerId: WORLD.cenOwnerId, routeEntries: [{ destinationCidrBlock: '172.16.0.0/16', regionId: 'cn-shanghai', nextHopInstanceId: 'vpc-other' }] });
    const approval = await world.requestUntilCodeSent({ cenId: 'cen-conflict', officeSiteId: WORLD.officeSiteId });

    await world.enterCode(WORLD.requester, world.ecd.latestCode(WORLD.cenOwnerId, 'cen-conflict')!);
    await waitFor(() => replies(approval.ts).some((reply) => reply.text.includes('was not bound')));

    const failure = JSON.stringify(replies(approval.ts).find((reply) => reply.text.includes('was not bound')));
    expect(failure).toContain('overlaps');
    expect(world.ecd.callsTo('AttachCen')).toHaveLength(0);
    expect((await request()).status).toBe('sent');
  });

  it('names the RAM action that AttachCen lacks', async () => {
    await start();
    const approval = await world.requestUntilCodeSent();
    world.ecd.failNext('AttachCen', { kind: 'error', status: 403, code: 'Forbidden.RAM', message: 'User not authorized to operate on the specified resource.' });

    await world.enterCode(WORLD.requester, code());
    await waitFor(() => replies(approval.ts).some((reply) => reply.text.includes('was not bound')));

    const failure = JSON.stringify(replies(approval.ts).find((reply) => reply.text.includes('was not bound')));
    expect(failure).toContain('ecd:AttachCen');
    expect((await request()).status).toBe('sent');
  });

  it('keeps the code out of every log line, Slack call and stored row', async () => {
    await start();
    const approval = await world.requestUntilCodeSent();
    const wrong = '918273';
    await world.enterCode(WORLD.requester, wrong);
    await waitFor(() => replies(approval.ts).some((reply) => reply.text.includes('was not bound')));
    const right = code();
    await world.enterCode(WORLD.requester, right);
    await waitFor(() => replies(approval.ts).some((reply) => reply.text.includes('is attached')));

    const slackCalls = JSON.stringify(world.slack.calls());
    const logs = world.logLines.join('\n');
    const database = new Database(world.environment().DATABASE_URL, { readonly: true });
    const rows = JSON.stringify(['requests', 'audit_events', 'targets'].map((table) => database.prepare(`SELECT * FROM ${table}`).all()));
    database.close();
    expect(world.ecd.callsTo('AttachCen')[0].params.VerifyCode).toBe(right);
    for (const secret of [wrong, right]) {
      expect(slackCalls).not.toContain(secret);
      expect(logs).not.toContain(secret);
      expect(rows).not.toContain(secret);
    }
    expect(logs.length).toBeGreaterThan(0);
  });

  it('lets only the requester and approvers enter the code', async () => {
    await start();
    const approval = await world.requestUntilCodeSent();
    const reply = replies(approval.ts).find((candidate) => JSON.stringify(candidate.blocks).includes('enter_code'))!;

    await world.driver.clickButton({ userId: WORLD.outsider, channelId: WORLD.channel, messageTs: reply.ts, actionId: 'enter_code' });
    await waitFor(() => world.slack.ephemerals(WORLD.outsider).length === 1);

    expect(world.slack.ephemerals(WORLD.outsider)[0].text).toContain('Only the requester and the approvers');
    expect(world.slack.openViews().some((view) => view.callback_id === 'cen_verify_code')).toBe(false);
  });
});

describe('an AttachCen whose response is lost', () => {
  let world: SimulatedWorld;

  afterEach(async () => {
    await world.stop();
  });

  it.each(['timeout', 'reset', 'serverError'] as const)('ends bound when the office network shows attached after a %s', async (kind) => {
    world = await new SimulatedWorld({ mode: 'http', env: { ECD_TIMEOUT: '500ms' } }).start();
    const approval = await world.requestUntilCodeSent({ officeSiteId: WORLD.officeSiteId });
    world.ecd.failNext('AttachCen', { kind, afterAction: true } as never);

    await world.enterCode(WORLD.requester, world.ecd.latestCode(WORLD.cenOwnerId, WORLD.cenId)!);
    await waitFor(() => world.slack.threadReplies(WORLD.channel, approval.ts).some((reply) => reply.text.includes('is attached')), 'not bound', 8_000);

    const [request] = await world.runtime.store.listByStatus(['bound']);
    expect(request).toBeDefined();
    expect(world.ecd.callsTo('AttachCen')).toHaveLength(1);
  });

  it('says the outcome is unknown when the office network is not attached', async () => {
    world = await new SimulatedWorld({ mode: 'http' }).start();
    const approval = await world.requestUntilCodeSent({ officeSiteId: WORLD.officeSiteId });
    world.ecd.failNext('AttachCen', { kind: 'html', status: 502 });

    await world.enterCode(WORLD.requester, world.ecd.latestCode(WORLD.cenOwnerId, WORLD.cenId)!);
    await waitFor(() => world.slack.threadReplies(WORLD.channel, approval.ts).some((reply) => reply.text.includes('was not bound')), 'no failure', 8_000);

    const failure = JSON.stringify(world.slack.threadReplies(WORLD.channel, approval.ts).find((reply) => reply.text.includes('was not bound')));
    expect(failure).toContain('ATTACH_OUTCOME_UNKNOWN');
    expect(failure).toContain('WUYING console');
    expect((await world.runtime.store.listByStatus(['sent']))).toHaveLength(1);
  });
});

describe('a binding that ends without a confirmation', () => {
  let world: SimulatedWorld;

  afterEach(async () => {
    await world.stop();
  });

  const replies = (ts: string) => world.slack.threadReplies(WORLD.channel, ts);

  it('is not reported as failed when the reads after AttachCen fail', async () => {
    world = await new SimulatedWorld({ mode: 'http' }).start();
    const approval = await world.requestUntilCodeSent();
    world.ecd.failNext('VerifyCen', { kind: 'timeout', ms: 300 });
    const readsBefore = world.ecd.callsTo('DescribeOfficeSites').length;

    await world.enterCode(WORLD.requester, world.ecd.latestCode(WORLD.cenOwnerId, WORLD.cenId)!);
    await waitFor(() => world.ecd.callsTo('DescribeOfficeSites').length === readsBefore + 1);
    world.ecd.failNext('DescribeOfficeSites', { kind: 'error', status: 403, code: 'Forbidden.RAM', message: 'denied' }, 200);
    await waitFor(() => replies(approval.ts).some((reply) => /is attached|did not show as attached/.test(reply.text)), 'no outcome', 8_000);

    expect(replies(approval.ts).some((reply) => reply.text.includes('was not bound'))).toBe(false);
    expect(world.ecd.callsTo('AttachCen')).toHaveLength(1);
    expect(world.ecd.officeSite(WORLD.officeSiteId)?.cenId).toBe(WORLD.cenId);
  });

  it('is confirmed later by housekeeping once the office network shows attached', async () => {
    world = await new SimulatedWorld({ mode: 'http', ecd: { readsUntilAttached: 60 } }).start();
    const approval = await world.requestUntilCodeSent();

    await world.enterCode(WORLD.requester, world.ecd.latestCode(WORLD.cenOwnerId, WORLD.cenId)!);
    await waitFor(() => replies(approval.ts).some((reply) => reply.text.includes('did not show as attached')), 'not unconfirmed', 10_000);
    expect(JSON.stringify(world.slack.message(WORLD.channel, approval.ts)!.blocks)).not.toContain('"action_id":"retry"');

    for (let read = 0; read < 20; read++) await world.runtime.housekeeping.confirmUnsettledBindings(world.runtime.log);
    await waitFor(() => replies(approval.ts).some((reply) => reply.text.includes('is attached')));

    expect((await world.runtime.store.listByStatus(['bound']))).toHaveLength(1);
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(1);
  });

  it('asks for another office network after a CIDR conflict', async () => {
    world = await new SimulatedWorld({ mode: 'http' }).start();
    world.ecd.addCen({ cenId: 'cen-conflict', ownerId: WORLD.cenOwnerId, routeEntries: [{ destinationCidrBlock: '172.16.0.0/16', regionId: 'cn-shanghai', nextHopInstanceId: 'vpc-other' }] });
    const approval = await world.requestUntilCodeSent({ cenId: 'cen-conflict', officeSiteId: WORLD.officeSiteId });

    await world.enterCode(WORLD.requester, world.ecd.latestCode(WORLD.cenOwnerId, 'cen-conflict')!);
    await waitFor(() => replies(approval.ts).some((reply) => reply.text.includes('was not bound')));

    const [request] = await world.runtime.store.listByStatus(['sent']);
    expect(request.officeSiteId).toBeUndefined();
  });
});

describe('completing the binding over Socket Mode', () => {
  it('binds the office network with the right code', async () => {
    const world = await new SimulatedWorld({ mode: 'socket' }).start();
    try {
      const approval = await world.requestUntilCodeSent({ officeSiteId: WORLD.officeSiteId });

      await world.enterCode(WORLD.requester, world.ecd.latestCode(WORLD.cenOwnerId, WORLD.cenId)!);
      await waitFor(() => world.slack.threadReplies(WORLD.channel, approval.ts).some((reply) => reply.text.includes('is attached')));

      expect(await world.runtime.store.listByStatus(['bound'])).toHaveLength(1);
      expect(world.socket.deliveries().filter((delivery) => delivery.outcome !== 'acked')).toEqual([]);
    } finally {
      await world.stop();
    }
  });
});
