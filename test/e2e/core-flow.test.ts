import { SimulatedWorld, waitFor, WORLD } from '../../src/simulators/world';

describe.each(['http', 'socket'] as const)('core flow over %s', (mode) => {
  let world: SimulatedWorld;

  beforeEach(async () => {
    world = await new SimulatedWorld({ mode }).start();
  });

  afterEach(async () => {
    await world.stop();
  });

  it('answers GET /healthz', async () => {
    const response = await fetch(`http://127.0.0.1:${world.runtime.port}/healthz`);

    expect(response.status).toBe(200);
  });

  it('sends one code after approval and posts the RequestId in the thread', async () => {
    const submitted = await world.request();
    expect(submitted.status).toBe(200);

    const approval = await world.awaitApprovalMessage();
    expect(approval.text).toContain(WORLD.requester);
    await world.click('approve', WORLD.approver);
    await waitFor(() => world.ecd.callsTo('SendVerifyCode').length === 1 && world.slack.threadReplies(WORLD.channel, approval.ts).length > 0);

    const calls = world.ecd.callsTo('SendVerifyCode');
    expect(calls).toHaveLength(1);
    expect(calls[0].signatureValid).toBe(true);
    expect(calls[0].params.VerifyCodeAction).toBe('eds_cenID_securityverification');
    expect(calls[0].params.RegionId).toBe(WORLD.regionId);
    expect(calls[0].params.ExtraInfo).toBe(`{"cenOwnerId":${WORLD.cenOwnerId},"cenId":"${WORLD.cenId}"}`);

    const reply = world.slack.threadReplies(WORLD.channel, approval.ts)[0];
    expect(reply.thread_ts).toBe(approval.ts);
    const requestId = calls[0].requestId;
    expect(JSON.stringify(reply)).toContain(requestId);
    await waitFor(() => world.slack.dms(WORLD.requester).some((message) => JSON.stringify(message).includes(requestId)));
  });
});
