import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { SlackSimulator } from '../../src/simulators/slack';
import { waitFor, WORLD } from '../../src/simulators/world';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunningApp {
  exited: Promise<Exit>;
  output: () => Exit;
  stop: () => void;
}

/** Starts the built app with exactly these variables, and no Alibaba credential source but the given ones. */
function startApp(env: Record<string, string>): RunningApp {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cen-verify-home-'));
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true', ...env },
  });
  const result: Exit = { code: null, stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => (result.stdout += chunk));
  child.stderr.on('data', (chunk) => (result.stderr += chunk));
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code) => {
      fs.rmSync(home, { recursive: true, force: true });
      resolve({ ...result, code });
    }),
  );
  return { exited, output: () => result, stop: () => child.kill('SIGTERM') };
}

const runApp = (env: Record<string, string>) => startApp(env).exited;

describe('npm start', () => {
  const slack = new SlackSimulator({ botToken: WORLD.botToken, teamId: WORLD.team });
  let directory: string;
  let base: Record<string, string>;

  beforeAll(async () => {
    await slack.start();
  });

  afterAll(async () => {
    await slack.stop();
  });

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cen-verify-start-'));
    base = {
      SLACK_BOT_TOKEN: WORLD.botToken,
      SLACK_SIGNING_SECRET: WORLD.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      APPROVAL_CHANNEL_ID: WORLD.channel,
      APPROVERS: WORLD.approver,
      PORT: '0',
      DATABASE_URL: path.join(directory, 'store.sqlite'),
      ALIBABA_CLOUD_ACCESS_KEY_ID: WORLD.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: WORLD.accessKeySecret,
      // A closed loopback port: the background region refresh must not leave this machine.
      ECD_ENDPOINT: 'http://127.0.0.1:9',
    };
  });

  afterEach(() => {
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('exits 1 with one line per missing setting', async () => {
    const result = await runApp({});

    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.some((line) => line.startsWith('SLACK_BOT_TOKEN'))).toBe(true);
    expect(lines.some((line) => line.startsWith('APPROVAL_CHANNEL_ID'))).toBe(true);
    expect(lines.some((line) => line.startsWith('APPROVERS'))).toBe(true);
    expect(lines.some((line) => line.startsWith('SLACK_SIGNING_SECRET'))).toBe(true);
  });

  it('exits 1 when Slack refuses the bot token', async () => {
    const result = await runApp({ ...base, SLACK_BOT_TOKEN: 'xoxb-revoked-token' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN');
    expect(result.stderr).toContain('invalid_auth');
    expect(result.stderr).not.toContain('xoxb-revoked-token');
  });

  it('exits 1 naming the options when no Alibaba credentials are found', async () => {
    const { ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ...withoutKeys } = base;
    const result = await runApp({ ...withoutKeys, ALIBABA_CLOUD_CREDENTIALS_FILE: path.join(directory, 'none') });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
    expect(result.stderr).toContain('ALIBABA_CLOUD_ROLE_ARN');
  });

  it('lists every start-up problem at once', async () => {
    const { ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ...withoutKeys } = base;
    const result = await runApp({ ...withoutKeys, SLACK_BOT_TOKEN: 'xoxb-revoked-token', ALIBABA_CLOUD_CREDENTIALS_FILE: path.join(directory, 'none') });

    const lines = result.stderr.trim().split('\n');
    expect(result.code).toBe(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('SLACK_BOT_TOKEN');
    expect(lines[1]).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
  });

  it('names SLACK_API_URL when Slack cannot be reached', async () => {
    const result = await runApp({ ...base, SLACK_API_URL: 'http://127.0.0.1:9/api/' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SLACK_API_URL');
    expect(result.stderr).not.toContain('SLACK_BOT_TOKEN was rejected');
  });

  it('names PORT when the port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const result = await runApp({ ...base, PORT: String(port) });

      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toMatch(/^PORT \d+ cannot be used \(EADDRINUSE\)/);
    } finally {
      blocker.close();
    }
  });

  it('names SLACK_APP_TOKEN when Slack refuses it', async () => {
    const result = await runApp({ ...base, SLACK_APP_TOKEN: 'xapp-1-refused' });

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^SLACK_APP_TOKEN was rejected by Slack/);
    expect(result.stderr).not.toContain('xapp-1-refused');
  });

  it('starts in HTTP mode, serves /healthz and stops on SIGTERM', async () => {
    const app = startApp({ ...base, LOG_LEVEL: 'info' });
    await waitFor(() => app.output().stdout.includes('"app started"'), 'the app did not start');
    const started = app.output().stdout.split('\n').find((line) => line.includes('"app started"'))!;

    const health = await fetch(`http://127.0.0.1:${JSON.parse(started).port}/healthz`);
    app.stop();
    const exit = await app.exited;

    expect(health.status).toBe(200);
    expect(exit.code).toBe(0);
    expect(exit.stdout).not.toContain(WORLD.botToken);
    expect(exit.stdout).not.toContain(WORLD.accessKeySecret);
  });
});
