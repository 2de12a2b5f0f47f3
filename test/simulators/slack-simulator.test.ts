import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

import { App, type Logger, LogLevel } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import { ErrorCode, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';

import { ManualClock, SlackDriver, SlackSimulator, SocketModeSimulator } from '../../src/simulators/slack';

const BOT_TOKEN = 'xoxb-simulated-bot-token';
const APP_TOKEN = 'xapp-simulated-app-token';
const SIGNING_SECRET = 'simulated-signing-secret';
const BOT_USER = 'U0CENBOT';
const REQUESTER = 'U0REQUESTER';
const APPROVAL_CHANNEL = 'C0APPROVALS';
const OTHER_CHANNEL = 'C0ELSEWHERE';

function setUpWorkspace(slack: SlackSimulator): void {
  slack.addUser({ id: REQUESTER, name: 'requester' });
  slack.addChannel({ id: APPROVAL_CHANNEL, name: 'approvals', members: [BOT_USER, REQUESTER] });
  slack.addChannel({ id: OTHER_CHANNEL, name: 'elsewhere', members: [REQUESTER] });
}

/** Keeps the expected API errors of these tests out of the test output. */
const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

function webClient(apiUrl: string, token = BOT_TOKEN): WebClient {
  return new WebClient(token, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: silentLogger,
  });
}

async function platformError(call: Promise<unknown>): Promise<WebAPIPlatformError> {
  try {
    await call;
  } catch (error) {
    return error as WebAPIPlatformError;
  }
  throw new Error('the call succeeded, but an error was expected');
}

const MODAL = {
  type: 'modal' as const,
  callback_id: 'request',
  title: { type: 'plain_text' as const, text: 'Request a code' },
  submit: { type: 'plain_text' as const, text: 'Submit' },
  blocks: [
    {
      type: 'input',
      block_id: 'cen',
      label: { type: 'plain_text', text: 'CEN instance ID' },
      element: { type: 'plain_text_input', action_id: 'value' },
    },
    {
      type: 'input',
      block_id: 'region',
      label: { type: 'plain_text', text: 'Region' },
      element: {
        type: 'static_select',
        action_id: 'value',
        options: [{ text: { type: 'plain_text', text: 'China (Hangzhou)' }, value: 'cn-hangzhou' }],
      },
    },
  ],
};

describe('SlackSimulator Web API', () => {
  const clock = new ManualClock();
  let slack: SlackSimulator;
  let client: WebClient;

  beforeEach(async () => {
    slack = new SlackSimulator({ botToken: BOT_TOKEN, appToken: APP_TOKEN, clock });
    setUpWorkspace(slack);
    client = webClient(await slack.start());
  });

  afterEach(async () => {
    await slack.stop();
  });

  it('answers auth.test with the bot identity', async () => {
    const result = await client.auth.test();

    expect(result.ok).toBe(true);
    expect(result.user_id).toBe(BOT_USER);
    expect(result.team_id).toBe('T0CENVERIFY');
    expect(result.bot_id).toBe('B0CENBOT');
    expect(result.url).toBe('https://cen-verify-test.slack.com/');
  });

  it('rejects a wrong token with invalid_auth', async () => {
    const error = await platformError(webClient(slack.apiUrl, 'xoxb-wrong').auth.test());

    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data.error).toBe('invalid_auth');
  });

  it('posts a message with an increasing ts', async () => {
    const first = await client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'first' });
    const second = await client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'second' });

    expect(first.channel).toBe(APPROVAL_CHANNEL);
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(slack.messages(APPROVAL_CHANNEL).map((message) => message.text)).toEqual(['first', 'second']);
  });

  it('updates a message the bot posted', async () => {
    const posted = await client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'pending' });

    await client.chat.update({ channel: APPROVAL_CHANNEL, ts: posted.ts as string, text: 'approved' });

    expect(slack.message(APPROVAL_CHANNEL, posted.ts as string)?.text).toBe('approved');
    expect(slack.message(APPROVAL_CHANNEL, posted.ts as string)?.edited?.user).toBe(BOT_USER);
  });

  it('returns cant_update_message for a user’s message', async () => {
    const userMessage = slack.addMessage({ channel: APPROVAL_CHANNEL, user: REQUESTER, text: 'hello' });

    const error = await platformError(client.chat.update({ channel: APPROVAL_CHANNEL, ts: userMessage.ts, text: 'x' }));

    expect(error.data.error).toBe('cant_update_message');
  });

  it('returns not_in_channel outside the bot’s channels', async () => {
    const error = await platformError(client.chat.postMessage({ channel: OTHER_CHANNEL, text: 'hello' }));

    expect(error.data.error).toBe('not_in_channel');
    expect(slack.messages(OTHER_CHANNEL)).toEqual([]);
  });

  it('posts to a user ID in that user’s DM', async () => {
    const result = await client.chat.postMessage({ channel: REQUESTER, text: 'your request was approved' });

    expect(result.channel).toMatch(/^D/);
    expect(slack.dms(REQUESTER).map((message) => message.text)).toEqual(['your request was approved']);
  });

  it('attaches a thread reply to its parent', async () => {
    const parent = await client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'request' });

    const reply = await client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'sent', thread_ts: parent.ts });

    expect(reply.message?.thread_ts).toBe(parent.ts);
    expect(slack.threadReplies(APPROVAL_CHANNEL, parent.ts as string).map((message) => message.text)).toEqual(['sent']);
    expect(slack.message(APPROVAL_CHANNEL, parent.ts as string)?.reply_count).toBe(1);
  });

  it('rejects a reply to an unknown thread with thread_not_found', async () => {
    const error = await platformError(
      client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'sent', thread_ts: '1600000000.000100' }),
    );

    expect(error.data.error).toBe('thread_not_found');
  });

  it('rejects a 3001-character section with invalid_blocks', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];

    const error = await platformError(client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'fallback', blocks }));

    expect(error.data.error).toBe('invalid_blocks');
    expect(error.data.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
  });

  it('rejects a message without text or blocks with no_text', async () => {
    const error = await platformError(client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: '' }));

    expect(error.data.error).toBe('no_text');
  });

  it('rejects a 25-character modal title', async () => {
    const triggerId = slack.issueTriggerId(REQUESTER);
    const view = { ...MODAL, title: { type: 'plain_text' as const, text: 'x'.repeat(25) } };

    const error = await platformError(client.views.open({ trigger_id: triggerId, view }));

    expect(error.data.error).toBe('invalid_arguments');
    expect(error.data.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
    ]);
  });

  it('opens a view with a fresh trigger_id', async () => {
    const triggerId = slack.issueTriggerId(REQUESTER);

    const result = await client.views.open({ trigger_id: triggerId, view: MODAL });

    expect(result.view?.id).toMatch(/^V/);
    expect(slack.openViews().map((view) => view.id)).toEqual([result.view?.id]);
  });

  it('returns expired_trigger_id after 3 seconds', async () => {
    const triggerId = slack.issueTriggerId(REQUESTER);
    clock.advance(3001);

    const error = await platformError(client.views.open({ trigger_id: triggerId, view: MODAL }));

    expect(error.data.error).toBe('expired_trigger_id');
    expect(slack.openViews()).toEqual([]);
  });

  it('returns exchanged_trigger_id for a used trigger', async () => {
    const triggerId = slack.issueTriggerId(REQUESTER);
    await client.views.open({ trigger_id: triggerId, view: MODAL });

    const error = await platformError(client.views.open({ trigger_id: triggerId, view: MODAL }));

    expect(error.data.error).toBe('exchanged_trigger_id');
  });

  it('returns hash_conflict for a stale hash', async () => {
    const opened = await client.views.open({ trigger_id: slack.issueTriggerId(REQUESTER), view: MODAL });
    const viewId = opened.view?.id as string;
    await client.views.update({ view_id: viewId, hash: opened.view?.hash, view: MODAL });

    const error = await platformError(client.views.update({ view_id: viewId, hash: opened.view?.hash, view: MODAL }));

    expect(error.data.error).toBe('hash_conflict');
  });

  it('answers a rate-limited call with 429 and Retry-After', async () => {
    slack.rateLimitNext('chat.postMessage', 7);

    const error = (await platformError(
      client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'hello' }),
    )) as unknown as WebAPIRateLimitedError;

    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(7);
    expect(slack.callsTo('chat.postMessage')[0].status).toBe(429);
    expect(slack.messages(APPROVAL_CHANNEL)).toEqual([]);
  });

  it('answers an injected failure once, then the real result', async () => {
    slack.failNext('chat.postMessage', 'internal_error');

    const error = await platformError(client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'hello' }));
    const retried = await client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'hello' });

    expect(error.data.error).toBe('internal_error');
    expect(retried.ok).toBe(true);
  });

  it('answers missing_scope with the needed and provided scopes', async () => {
    slack.setScopes(['chat:write']);

    const error = await platformError(client.users.info({ user: REQUESTER }));

    expect(error.data.error).toBe('missing_scope');
    expect((error.data as unknown as Record<string, unknown>).needed).toBe('users:read');
    expect((error.data as unknown as Record<string, unknown>).provided).toBe('chat:write');
  });

  it('lists the members of a user group', async () => {
    slack.addUserGroup({ id: 'S0APPROVERS', handle: 'approvers', users: [REQUESTER] });

    const result = await client.usergroups.users.list({ usergroup: 'S0APPROVERS' });
    const unknown = await platformError(client.usergroups.users.list({ usergroup: 'S0UNKNOWN' }));

    expect(result.users).toEqual([REQUESTER]);
    expect(unknown.data.error).toBe('no_such_subteam');
  });

  it('returns a permalink in Slack’s archive format', async () => {
    const posted = await client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'request' });

    const result = await client.chat.getPermalink({ channel: APPROVAL_CHANNEL, message_ts: posted.ts as string });

    const tsDigits = (posted.ts as string).replace('.', '');
    expect(result.permalink).toBe(`https://cen-verify-test.slack.com/archives/${APPROVAL_CHANNEL}/p${tsDigits}`);
  });

  it('rejects duplicate block_ids with invalid_blocks', async () => {
    const section = { type: 'section', block_id: 'same', text: { type: 'mrkdwn', text: 'hello' } };

    const error = await platformError(
      client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'fallback', blocks: [section, section] }),
    );

    expect(error.data.error).toBe('invalid_blocks');
    expect(error.data.response_metadata?.messages).toEqual([
      '[ERROR] block_id must be unique [json-pointer:/blocks/1/block_id]',
    ]);
  });

  it('rejects a message with 51 blocks with invalid_blocks', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));

    const error = await platformError(client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'x', blocks }));

    expect(error.data.response_metadata?.messages).toEqual([
      '[ERROR] no more than 50 items allowed [json-pointer:/blocks]',
    ]);
  });

  it('rejects an ephemeral message for a user outside the channel', async () => {
    slack.addUser({ id: 'U0OUTSIDER', name: 'outsider' });

    const error = await platformError(
      client.chat.postEphemeral({ channel: APPROVAL_CHANNEL, user: 'U0OUTSIDER', text: 'only for you' }),
    );

    expect(error.data.error).toBe('user_not_in_channel');
  });

  it('opens the same DM channel for a user each time', async () => {
    const first = await client.conversations.open({ users: REQUESTER });
    const second = await client.conversations.open({ users: REQUESTER });

    expect(first.channel?.id).toMatch(/^D/);
    expect(second.channel?.id).toBe(first.channel?.id);
  });

  it('returns push_limit_reached for a fourth stacked view', async () => {
    const opened = await client.views.open({ trigger_id: slack.issueTriggerId(REQUESTER), view: MODAL });
    let topViewId = opened.view?.id as string;
    for (let pushed = 0; pushed < 2; pushed += 1) {
      const result = await client.views.push({ trigger_id: slack.issueTriggerId(REQUESTER, topViewId), view: MODAL });
      topViewId = result.view?.id as string;
    }

    const error = await platformError(
      client.views.push({ trigger_id: slack.issueTriggerId(REQUESTER, topViewId), view: MODAL }),
    );

    expect(error.data.error).toBe('push_limit_reached');
    expect(slack.openViews()).toHaveLength(3);
  });

  it('holds the answer of a delayed call but applies it at once', async () => {
    slack.delayNext('chat.postMessage', 300);
    const started = Date.now();

    await client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'slow' });

    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(slack.messages(APPROVAL_CHANNEL)).toHaveLength(1);
  });

  it('rejects a sixth post to one response_url with used_url', async () => {
    const url = slack.issueResponseUrl({ kind: 'commands', userId: REQUESTER, channelId: APPROVAL_CHANNEL });
    const post = (): Promise<Response> =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' });
    for (let use = 0; use < 5; use += 1) await post();

    const sixth = await post();

    expect(sixth.status).toBe(404);
    expect(await sixth.text()).toBe('used_url');
    expect(slack.ephemerals(REQUESTER)).toHaveLength(5);
  });

  it('records each call with its arguments and answer', async () => {
    await client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: 'hello' });

    const [call] = slack.callsTo('chat.postMessage');
    expect(call.args.channel).toBe(APPROVAL_CHANNEL);
    expect(call.args.token).toBeUndefined();
    expect(call.response.ok).toBe(true);
  });
});

describe('SocketModeSimulator', () => {
  let slack: SlackSimulator;
  let socketMode: SocketModeSimulator;
  let socketClient: SocketModeClient;

  beforeEach(async () => {
    slack = new SlackSimulator({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
    socketMode = new SocketModeSimulator({ ackTimeoutMs: 300, pingIntervalMs: 200 });
    await socketMode.start();
    slack.attachSocketMode(socketMode);
    const slackApiUrl = await slack.start();
    socketClient = new SocketModeClient({
      appToken: APP_TOKEN,
      clientOptions: { slackApiUrl },
      logLevel: LogLevel.ERROR,
      // Short ping timeouts make the client check the connection, and reconnect, within a test.
      clientPingTimeout: 600,
      serverPingTimeout: 1000,
    });
  });

  afterEach(async () => {
    await socketClient.disconnect();
    await socketMode.stop();
    await slack.stop();
  });

  it('delivers an envelope that the socket client acks', async () => {
    socketClient.on('slash_commands', async ({ ack, body }) => {
      await ack({ text: `received ${body.command}` });
    });
    await socketClient.start();

    const ack = await socketMode.deliver('slash_commands', { command: '/cen-verify', text: '' });

    expect(ack.payload).toEqual({ text: 'received /cen-verify' });
    expect(socketMode.deliveries()[0].outcome).toBe('acked');
  });

  it('records an envelope that is not acked in time', async () => {
    await socketClient.start();

    await expect(socketMode.deliver('interactive', { type: 'block_actions' })).rejects.toMatchObject({
      code: 'socket_mode_not_acked',
    });
    expect(socketMode.deliveries()[0].outcome).toBe('not acked');
  });

  it('keeps the socket client connected through pings both ways', async () => {
    await socketClient.start();

    await new Promise((resolve) => setTimeout(resolve, 2500));

    expect(socketMode.openConnections()).toBe(1);
    expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
  });

  it('reconnects the socket client after refresh_requested', async () => {
    await socketClient.start();
    const reconnected = new Promise<void>((resolve) => socketClient.once('connected', () => resolve()));

    socketMode.sendDisconnect('refresh_requested');
    await reconnected;

    expect(slack.callsTo('apps.connections.open')).toHaveLength(2);
    expect(socketMode.openConnections()).toBe(1);
  });
});

interface AppRecords {
  commands: string[];
  events: string[];
  retryNums: (number | undefined)[];
  submissions: Record<string, unknown>[];
  clicks: Record<string, unknown>[];
}

/** Registers listeners shaped like the real app's: a command, a modal and an approval button. */
function registerListeners(app: App, records: AppRecords): void {
  app.command('/cen-verify', async ({ ack, body, client, context }) => {
    records.commands.push(body.text);
    records.retryNums.push(context.retryNum);
    if (body.text === 'help') return void (await ack({ text: 'Usage: /cen-verify' }));
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: MODAL });
  });

  app.view('request', async ({ ack, view, client }) => {
    records.submissions.push(view.state.values);
    const cen = view.state.values.cen.value.value ?? '';
    if (!cen.startsWith('cen-')) return void (await ack({ response_action: 'errors', errors: { cen: 'Use the form cen-xxxx' } }));
    await ack();
    await client.chat.postMessage({ channel: APPROVAL_CHANNEL, text: `Request for ${cen}`, blocks: APPROVAL_BLOCKS });
  });

  app.event('app_home_opened', async ({ event }) => {
    records.events.push(event.type);
  });

  app.action('approve', async ({ ack, body, respond }) => {
    await ack();
    records.clicks.push(body as unknown as Record<string, unknown>);
    await respond({ replace_original: true, text: 'Approved' });
  });
}

const APPROVAL_BLOCKS = [
  { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: 'A request is waiting' } },
  {
    type: 'actions',
    block_id: 'decision',
    elements: [{ type: 'button', action_id: 'approve', value: 'request-1', text: { type: 'plain_text', text: 'Approve' } }],
  },
];

function emptyRecords(): AppRecords {
  return { commands: [], events: [], retryNums: [], submissions: [], clicks: [] };
}

async function openRequestModal(driver: SlackDriver, slack: SlackSimulator): Promise<string> {
  await driver.slashCommand({ userId: REQUESTER, channelId: APPROVAL_CHANNEL, text: '' });
  await waitFor(() => slack.openViews().length === 1);
  return slack.openViews()[0].id;
}

describe('SlackDriver with a Bolt app over HTTP', () => {
  let slack: SlackSimulator;
  let app: App;
  let driver: SlackDriver;
  let records: AppRecords;

  beforeEach(async () => {
    records = emptyRecords();
    slack = new SlackSimulator({ botToken: BOT_TOKEN });
    setUpWorkspace(slack);
    const slackApiUrl = await slack.start();
    app = new App({
      token: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      clientOptions: { slackApiUrl, retryConfig: { retries: 0 } },
      logLevel: LogLevel.ERROR,
    });
    registerListeners(app, records);
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    driver = new SlackDriver({ slack, transport: { kind: 'http', url, signingSecret: SIGNING_SECRET } });
  });

  afterEach(async () => {
    await app.stop();
    await slack.stop();
  });

  it('delivers a signed slash command to the command listener', async () => {
    const result = await driver.slashCommand({ userId: REQUESTER, channelId: APPROVAL_CHANNEL, text: 'help' });

    expect(result.status).toBe(200);
    expect(records.commands).toEqual(['help']);
  });

  it('shows the text of a command ack to the user alone', async () => {
    await driver.slashCommand({ userId: REQUESTER, channelId: APPROVAL_CHANNEL, text: 'help' });

    const ephemerals = slack.ephemerals(REQUESTER);
    expect(ephemerals.map((message) => message.text)).toEqual(['Usage: /cen-verify']);
    expect(ephemerals[0].via).toBe('ack');
  });

  it('gets 401 for a bad signature', async () => {
    const result = await driver.slashCommand({
      userId: REQUESTER, channelId: APPROVAL_CHANNEL, text: 'help', delivery: { signature: 'bad' },
    });

    expect(result.status).toBe(401);
    expect(records.commands).toEqual([]);
  });

  it('gets 401 for a timestamp over 5 minutes old', async () => {
    const timestamp = Math.floor(Date.now() / 1000) - 301;

    const result = await driver.slashCommand({
      userId: REQUESTER, channelId: APPROVAL_CHANNEL, text: 'help', delivery: { timestamp },
    });

    expect(result.status).toBe(401);
    expect(records.commands).toEqual([]);
  });

  it('passes Slack’s retry headers to the app', async () => {
    await driver.slashCommand({
      userId: REQUESTER, channelId: APPROVAL_CHANNEL, text: 'help', delivery: { retryNum: 1, retryReason: 'http_timeout' },
    });

    expect(records.retryNums).toEqual([1]);
  });

  it('lets the listener open a modal with the issued trigger_id', async () => {
    const viewId = await openRequestModal(driver, slack);

    expect(slack.view(viewId)?.callback_id).toBe('request');
  });

  it('submits a modal with state values shaped by element type', async () => {
    const viewId = await openRequestModal(driver, slack);

    await driver.submitView({ viewId, userId: REQUESTER, values: { cen: 'cen-1', region: 'cn-hangzhou' } });
    await waitFor(() => slack.messages(APPROVAL_CHANNEL).length === 1);

    expect(records.submissions[0]).toEqual({
      cen: { value: { type: 'plain_text_input', value: 'cen-1' } },
      region: {
        value: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'China (Hangzhou)' }, value: 'cn-hangzhou' },
        },
      },
    });
  });

  it('keeps a modal open with the errors of its ack', async () => {
    const viewId = await openRequestModal(driver, slack);

    const result = await driver.submitView({ viewId, userId: REQUESTER, values: { cen: 'cen 1', region: 'cn-hangzhou' } });

    expect(result.body).toEqual({ response_action: 'errors', errors: { cen: 'Use the form cen-xxxx' } });
    expect(slack.viewErrors(viewId)).toEqual({ cen: 'Use the form cen-xxxx' });
    expect(slack.openViews().map((view) => view.id)).toEqual([viewId]);
  });

  it('closes a modal acked without response_action', async () => {
    const viewId = await openRequestModal(driver, slack);

    await driver.submitView({ viewId, userId: REQUESTER, values: { cen: 'cen-1', region: 'cn-hangzhou' } });
    await waitFor(() => slack.messages(APPROVAL_CHANNEL).length === 1);

    expect(slack.openViews()).toEqual([]);
  });

  it('rejects an empty required input before sending', async () => {
    const viewId = await openRequestModal(driver, slack);

    await expect(driver.submitView({ viewId, userId: REQUESTER, values: { cen: 'cen-1' } })).rejects.toThrow(
      'required input block region is empty',
    );
    expect(records.submissions).toEqual([]);
  });

  it('delivers an Events API event as a signed JSON body', async () => {
    const result = await driver.sendEvent({ event: { type: 'app_home_opened', user: REQUESTER, tab: 'home' } });

    expect(result.status).toBe(200);
    expect(records.events).toEqual(['app_home_opened']);
  });

  it('clicks a button and applies respond()', async () => {
    const viewId = await openRequestModal(driver, slack);
    await driver.submitView({ viewId, userId: REQUESTER, values: { cen: 'cen-1', region: 'cn-hangzhou' } });
    await waitFor(() => slack.messages(APPROVAL_CHANNEL).length === 1);
    const messageTs = slack.messages(APPROVAL_CHANNEL)[0].ts;

    await driver.clickButton({ userId: REQUESTER, channelId: APPROVAL_CHANNEL, messageTs, actionId: 'approve' });
    await waitFor(() => slack.responseUrlPosts().length === 1);

    expect(records.clicks[0]).toMatchObject({
      type: 'block_actions',
      container: { type: 'message', message_ts: messageTs, channel_id: APPROVAL_CHANNEL, is_ephemeral: false },
      actions: [{ type: 'button', block_id: 'decision', action_id: 'approve', value: 'request-1' }],
    });
    expect(slack.message(APPROVAL_CHANNEL, messageTs)?.text).toBe('Approved');
  });
});

describe('SlackDriver with a Bolt app in Socket Mode', () => {
  let slack: SlackSimulator;
  let socketMode: SocketModeSimulator;
  let app: App;
  let driver: SlackDriver;
  let records: AppRecords;

  beforeEach(async () => {
    records = emptyRecords();
    slack = new SlackSimulator({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
    setUpWorkspace(slack);
    socketMode = new SocketModeSimulator();
    await socketMode.start();
    slack.attachSocketMode(socketMode);
    const slackApiUrl = await slack.start();
    app = new App({
      token: BOT_TOKEN,
      appToken: APP_TOKEN,
      socketMode: true,
      clientOptions: { slackApiUrl, retryConfig: { retries: 0 } },
      installerOptions: { clientOptions: { slackApiUrl } },
      logLevel: LogLevel.ERROR,
    });
    registerListeners(app, records);
    await app.start();
    driver = new SlackDriver({ slack, transport: { kind: 'socket', simulator: socketMode } });
  });

  afterEach(async () => {
    await app.stop();
    await socketMode.stop();
    await slack.stop();
  });

  it('delivers a slash command and returns the ack payload', async () => {
    const result = await driver.slashCommand({ userId: REQUESTER, channelId: APPROVAL_CHANNEL, text: 'help' });

    expect(result.status).toBe(200);
    expect(result.body).toEqual({ text: 'Usage: /cen-verify' });
    expect(records.commands).toEqual(['help']);
  });

  it('submits a modal and returns the response_action', async () => {
    const viewId = await openRequestModal(driver, slack);

    const result = await driver.submitView({ viewId, userId: REQUESTER, values: { cen: 'cen 1', region: 'cn-hangzhou' } });

    expect(result.body).toEqual({ response_action: 'errors', errors: { cen: 'Use the form cen-xxxx' } });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
