import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import { SqliteStore } from '../../src/store/sqlite';
import { SimulatedWorld, waitFor, WORLD } from '../../src/simulators/world';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');

describe('a restart in the middle of a send', () => {
  let world: SimulatedWorld;
  let app: ChildProcess | undefined;

  beforeEach(async () => {
    world = await new SimulatedWorld({ mode: 'http', ecd: { readsUntilAttached: 2 } }).startSimulators();
  });

  afterEach(async () => {
    app?.kill('SIGKILL');
    await world.stop();
  });

  /** Starts the built app in its own process and returns its HTTP port once it is up. */
  async function startProcess(): Promise<number> {
    const env = { ...world.environment(), ECD_TIMEOUT: '30s', LOG_LEVEL: 'info', ALIBABA_CLOUD_ACCESS_KEY_ID: WORLD.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: WORLD.accessKeySecret };
    app = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', HOME: world.directory, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ...env } });
    let stdout = '';
    app.stdout!.on('data', (chunk) => (stdout += chunk));
    await waitFor(() => stdout.includes('"app started"'), 'the app did not start', 10_000);
    return JSON.parse(stdout.split('\n').find((line) => line.includes('"app started"'))!).port;
  }

  it('leaves the request unknown and sends nothing again', async () => {
    world.ecd.failNext('SendVerifyCode', { kind: 'timeout', afterAction: true });
    world.useApp(await startProcess());
    await world.request();
    const message = await world.awaitApprovalMessage();
    await world.click('approve', WORLD.approver);
    await waitFor(() => world.ecd.callsTo('SendVerifyCode').length === 1);

    app!.kill('SIGKILL');
    await new Promise((resolve) => app!.once('exit', resolve));
    world.useApp(await startProcess());
    await waitFor(() => world.slack.threadReplies(WORLD.channel, message.ts).some((reply) => reply.text.includes('outcome is unknown')));

    const store = new SqliteStore(world.environment().DATABASE_URL);
    const [request] = await store.listByStatus(['unknown']);
    const events = await store.events(request.id);
    await store.close();
    expect(request.status).toBe('unknown');
    expect(events.map((event) => event.action)).toContain('interrupted');
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(1);
    expect(world.ecd.mailbox(WORLD.cenOwnerId)).toHaveLength(1);
  });

  it('finishes a binding cut off after AttachCen once the office network shows attached', async () => {
    world.useApp(await startProcess());
    const message = await world.requestUntilCodeSent({ officeSiteId: WORLD.officeSiteId });
    await world.enterCode(WORLD.requester, world.ecd.latestCode(WORLD.cenOwnerId, WORLD.cenId)!);
    await waitFor(() => world.ecd.callsTo('AttachCen').length === 1 && world.ecd.callsTo('DescribeOfficeSites').length >= 2);

    app!.kill('SIGKILL');
    await new Promise((resolve) => app!.once('exit', resolve));
    world.useApp(await startProcess());
    await waitFor(() => world.slack.threadReplies(WORLD.channel, message.ts).some((reply) => reply.text.includes('is attached')), 'not bound after the restart', 8_000);

    const store = new SqliteStore(world.environment().DATABASE_URL);
    const bound = await store.listByStatus(['bound']);
    await store.close();
    expect(bound).toHaveLength(1);
    expect(world.ecd.callsTo('SendVerifyCode')).toHaveLength(1);
  });
});
