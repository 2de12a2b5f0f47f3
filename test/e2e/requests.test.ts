import { SimulatedWorld, waitFor, WORLD } from '../../src/simulators/world';

describe('requests over HTTP', () => {
  let world: SimulatedWorld;

  beforeEach(async () => {
    world = await new SimulatedWorld({ mode: 'http' }).start();
  });

  afterEach(async () => {
    await world.stop();
  });

  const storedRequests = () => world.runtime.store.listByStatus(['pending', 'approved', 'sending', 'sent', 'failed', 'unknown', 'rejected', 'cancelled', 'expired']);

  it('answers /cen-verify help privately with usage', async () => {
    const result = await world.driver.slashCommand({ userId: WORLD.requester, channelId: WORLD.channel, text: 'help' });

    expect(result.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(result.body)).toContain('/cen-verify cen-xxxx');
    expect(world.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('prefills the modal from valid arguments only', async () => {
    await world.driver.slashCommand({ userId: WORLD.requester, channelId: WORLD.channel, text: 'cen-abc123 007 cn-shanghai' });
    await waitFor(() => world.slack.openViews().length === 1);

    const [view] = world.slack.openViews();
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('"initial_value":"cen-abc123"');
    expect(json).not.toContain('"initial_value":"007"');
    expect(json).toContain('"initial_option":{"text":{"type":"plain_text","text":"cn-shanghai"}');
  });

  it('shows an inline error under each bad field and stores nothing', async () => {
    const result = await world.request({ cenId: 'CEN 42', cenOwnerId: '0042', regionId: 'cn-hangzhou' });

    expect(result.body).toMatchObject({ response_action: 'errors' });
    const errors = (result.body as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(['cen_id', 'cen_owner_id']);
    expect(await storedRequests()).toHaveLength(0);
    expect(world.slack.messages(WORLD.channel)).toHaveLength(0);
  });

  it('sends owner IDs beyond Number.MAX_SAFE_INTEGER digit for digit', async () => {
    world.ecd.addCen({ cenId: 'cen-bigowner', ownerId: '9999999999999999' });
    await world.request({ cenId: 'cen-bigowner', cenOwnerId: '9999999999999999' });
    await world.awaitApprovalMessage();

    await world.click('approve', WORLD.approver);
    await waitFor(() => world.ecd.callsTo('SendVerifyCode').length === 1);

    expect(world.ecd.callsTo('SendVerifyCode')[0].params.ExtraInfo).toBe('{"cenOwnerId":9999999999999999,"cenId":"cen-bigowner"}');
    await waitFor(() => world.ecd.mailbox('9999999999999999').length === 1);
  });

  it('escapes user text, so a reason cannot mention @channel', async () => {
    await world.request({ reason: '<!channel> please & thanks <@U0OUTSIDER>' });
    const message = await world.awaitApprovalMessage();

    const json = JSON.stringify(message.blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('&lt;!channel&gt; please &amp; thanks &lt;@U0OUTSIDER&gt;');
  });

  it('ignores a click by the requester on their own request', async () => {
    await world.request({}, WORLD.approver);
    await world.awaitApprovalMessage();

    await world.click('approve', WORLD.approver);
    await waitFor(() => world.slack.ephemerals(WORLD.approver).length === 1);

    expect(world.slack.ephemerals(WORLD.approver)[0].text).toContain('cannot approve your own request');
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(0);
    expect((await storedRequests())[0].status).toBe('pending');
  });

  it('ignores a click by someone who is not an approver', async () => {
    await world.request();
    await world.awaitApprovalMessage();

    await world.click('approve', WORLD.outsider);
    await waitFor(() => world.slack.ephemerals(WORLD.outsider).length === 1);

    expect(world.slack.ephemerals(WORLD.outsider)[0].text).toContain('cannot approve this request');
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(0);
    expect((await storedRequests())[0].status).toBe('pending');
  });

  it('puts an Alibaba error in the thread with its code and RequestId', async () => {
    world.ecd.failNext('SendVerifyCode', { kind: 'error', status: 403, code: 'Forbidden.RAM', message: 'User not authorized to operate on the specified resource.' });
    await world.request();
    const approval = await world.awaitApprovalMessage();

    await world.click('approve', WORLD.approver);
    await waitFor(() => world.slack.threadReplies(WORLD.channel, approval.ts).length > 0);

    const reply = JSON.stringify(world.slack.threadReplies(WORLD.channel, approval.ts)[0]);
    const call = world.ecd.callsTo('SendVerifyCode')[0];
    expect(reply).toContain('Forbidden.RAM');
    expect(reply).toContain(call.requestId);
    expect(reply).toContain('ecd:SendVerifyCode');
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(1);
    expect((await storedRequests())[0].status).toBe('failed');
  });

  it('cancels an unpostable request', async () => {
    world.slack.failNext('chat.postMessage', 'not_in_channel');
    await world.request();

    await waitFor(() => world.slack.dms(WORLD.requester).length === 1);
    expect(world.slack.dms(WORLD.requester)[0].text).toContain('not_in_channel');
    expect(JSON.stringify(world.slack.dms(WORLD.requester)[0])).toContain('/invite');
    const [request] = await storedRequests();
    expect(request.status).toBe('cancelled');
    expect(request.closingReason).toContain('not_in_channel');
  });

  it('rejects with a reason, updating the message and telling the requester', async () => {
    await world.request();
    const approval = await world.awaitApprovalMessage();

    await world.click('reject', WORLD.approver);
    await waitFor(() => world.slack.openViews().some((view) => view.callback_id === 'cen_verify_reject'));
    const modal = world.slack.openViews().find((view) => view.callback_id === 'cen_verify_reject')!;
    await world.driver.submitView({ viewId: modal.id, userId: WORLD.approver, values: { reject_reason: 'Not this quarter' } });
    await waitFor(() => world.slack.dms(WORLD.requester).some((message) => message.text.includes('rejected')));

    const updated = world.slack.message(WORLD.channel, approval.ts)!;
    expect(JSON.stringify(updated.blocks)).toContain('Rejected');
    expect(JSON.stringify(updated.blocks)).not.toContain('"action_id":"approve"');
    expect(world.slack.dms(WORLD.requester).some((message) => message.text.includes('Not this quarter'))).toBe(true);
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(0);
  });

  it('refuses a request with a bad signature and runs nothing', async () => {
    const result = await world.driver.slashCommand({ userId: WORLD.requester, channelId: WORLD.channel, text: '', delivery: { signature: 'bad' } });

    expect(result.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(world.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('refuses a request signed more than 5 minutes ago', async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const result = await world.driver.slashCommand({ userId: WORLD.requester, channelId: WORLD.channel, text: '', delivery: { timestamp: stale } });

    expect(result.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(world.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('refuses a request signed more than 5 minutes ahead', async () => {
    const ahead = Math.floor(Date.now() / 1000) + 6 * 60;
    const result = await world.driver.slashCommand({ userId: WORLD.requester, channelId: WORLD.channel, text: '', delivery: { timestamp: ahead } });

    expect(result.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(world.slack.callsTo('views.open')).toHaveLength(0);
  });

  it('answers GET /healthz', async () => {
    const response = await fetch(`http://127.0.0.1:${world.runtime.port}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('a CEN owned by the app’s own account', () => {
  it('needs no code, and the submission says so without sending', async () => {
    const world = await new SimulatedWorld({ mode: 'http', env: { ALIBABA_CLOUD_ACCOUNT_ID: WORLD.cenOwnerId } }).start();
    try {
      const result = await world.request();

      expect(result.body).toMatchObject({ response_action: 'errors' });
      expect(JSON.stringify(result.body)).toContain('no verification code is needed');
      expect(await world.runtime.store.listByStatus(['pending'])).toHaveLength(0);
      expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(0);
    } finally {
      await world.stop();
    }
  });
});

describe('a store that fails at submission', () => {
  it('tells the requester by DM and posts nothing', async () => {
    const world = await new SimulatedWorld({ mode: 'http' }).start();
    try {
      jest.spyOn(world.runtime.store, 'insert').mockRejectedValueOnce(new Error('disk full'));

      await world.request();
      await waitFor(() => world.slack.dms(WORLD.requester).length === 1);

      expect(world.slack.dms(WORLD.requester)[0].text).toContain('could not be saved');
      expect(world.slack.messages(WORLD.channel)).toHaveLength(0);
    } finally {
      await world.stop();
    }
  });
});

describe('a Slack API without some methods', () => {
  it('still sends the requester a DM with a link to the approval message', async () => {
    const world = await new SimulatedWorld({ mode: 'http' }).start();
    try {
      world.slack.failNext('conversations.open', 'unknown_method', 3);
      world.slack.failNext('chat.getPermalink', 'unknown_method', 3);

      await world.request();
      const approval = await world.awaitApprovalMessage();
      await waitFor(() => world.slack.dms(WORLD.requester).length === 1);

      expect(world.slack.dms(WORLD.requester)[0].text).toContain(`/archives/${WORLD.channel}/p${approval.ts.replace('.', '')}`);
    } finally {
      await world.stop();
    }
  });
});

describe.each(['http', 'socket'] as const)('a modal submitted twice over %s', (mode) => {
  it('makes one request', async () => {
    const world = await new SimulatedWorld({ mode }).start();
    try {
      await world.driver.slashCommand({ userId: WORLD.requester, channelId: WORLD.channel, text: '' });
      await waitFor(() => world.slack.openViews().length === 1);
      const [view] = world.slack.openViews();
      const values = { cen_id: WORLD.cenId, cen_owner_id: WORLD.cenOwnerId, region: WORLD.regionId, reason: 'twice' };

      await Promise.all([world.driver.submitView({ viewId: view.id, userId: WORLD.requester, values }), world.driver.submitView({ viewId: view.id, userId: WORLD.requester, values })]);
      await world.awaitApprovalMessage();
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(await world.runtime.store.listByStatus(['pending'])).toHaveLength(1);
      expect(world.topLevelMessages()).toHaveLength(1);
    } finally {
      await world.stop();
    }
  });
});
