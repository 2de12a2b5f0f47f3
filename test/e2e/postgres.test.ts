import { postgresHarness, type PostgresHarness } from '../store/harness';
import { SimulatedWorld, waitFor, WORLD } from '../../src/simulators/world';

describe('two app instances on one PostgreSQL store', () => {
  let database: PostgresHarness;
  let world: SimulatedWorld;

  beforeEach(async () => {
    database = await postgresHarness();
    world = await new SimulatedWorld({ mode: 'http', env: { DATABASE_URL: database.url } }).start();
  });

  afterEach(async () => {
    await world.stop();
    await database.dispose();
  });

  it('runs the whole flow on PostgreSQL', async () => {
    const approval = await world.requestUntilCodeSent({ officeSiteId: WORLD.officeSiteId });

    await world.enterCode(WORLD.requester, world.ecd.latestCode(WORLD.cenOwnerId, WORLD.cenId)!);
    await waitFor(() => world.slack.threadReplies(WORLD.channel, approval.ts).some((reply) => reply.text.includes('is attached')));

    const [request] = await world.runtime.store.listByStatus(['bound']);
    expect(request.cenOwnerId).toBe(WORLD.cenOwnerId);
    expect((await world.runtime.store.events(request.id)).map((event) => event.action)).toEqual(['submitted', 'posted_for_approval', 'approved', 'send_started', 'code_sent', 'code_entered', 'bound']);
  });

  it('sends one code when two approvers click on different instances at once', async () => {
    const other = await world.startAnotherInstance();
    try {
      await world.request();
      const approval = await world.awaitApprovalMessage();

      await Promise.all([
        world.click('approve', WORLD.approver),
        other.driver.clickButton({ userId: WORLD.secondApprover, channelId: WORLD.channel, messageTs: approval.ts, actionId: 'approve' }),
        world.click('approve', WORLD.secondApprover),
        other.driver.clickButton({ userId: WORLD.approver, channelId: WORLD.channel, messageTs: approval.ts, actionId: 'approve' }),
      ]);
      await waitFor(() => world.slack.ephemerals().length === 3);
      await waitFor(() => world.slack.threadReplies(WORLD.channel, approval.ts).length === 1);

      expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(1);
      expect((await world.runtime.store.listByStatus(['sent']))).toHaveLength(1);
    } finally {
      await other.runtime.stop();
    }
  });
});
