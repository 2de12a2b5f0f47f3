import pino from 'pino';

import { createLogger } from './logger';
import { SimulatedWorld, waitFor, WORLD } from './simulators/world';

/**
 * Runs the whole flow in one process: the real app in HTTP mode with a SQLite store, against the
 * built-in Slack and ECD simulators, and prints what happens at each step.
 */
async function runDemo(): Promise<void> {
  const world = new SimulatedWorld({ mode: 'http', log: createLogger('warn', pino.destination(2)) });
  step('Starting the Slack and ECD simulators and the app (HTTP mode, SQLite store)');
  await world.start();
  detail(`app listening on http://127.0.0.1:${world.runtime.port}/slack/events, store ${world.config.databaseUrl}`);

  try {
    await walkThroughFlow(world);
  } finally {
    await world.stop();
  }
}

async function walkThroughFlow(world: SimulatedWorld): Promise<void> {
  step(`<@${WORLD.requester}> types /cen-verify in #cen-approvals and fills in the modal`);
  const ack = await world.request({ reason: 'Bind the Hangzhou office network to the shared CEN', officeSiteId: WORLD.officeSiteId });
  const opened = world.slack.callsTo('views.open')[0];
  detail(`modal opened: ${describeFields(opened?.args)}`);
  detail(`region chosen: the modal lists the office networks of ${WORLD.regionId} (DescribeOfficeSites)`);
  detail(`submitted: CEN instance ID ${WORLD.cenId}, CEN owner account ID ${WORLD.cenOwnerId}, region ${WORLD.regionId}, office network ${WORLD.officeSiteId} (ack HTTP ${ack.status})`);

  const approval = await world.awaitApprovalMessage();
  step('The request is posted for approval');
  detail(`#cen-approvals message ${approval.ts}: "${approval.text}"`);
  await waitFor(() => world.slack.dms(WORLD.requester).length > 0, 'the requester got no DM');
  detail(`DM to the requester: "${world.slack.dms(WORLD.requester)[0].text}"`);

  step(`<@${WORLD.approver}> clicks Approve`);
  await world.click('approve', WORLD.approver);
  await waitFor(() => world.slack.threadReplies(WORLD.channel, approval.ts).length > 0, 'no reply in the approval thread');

  const [call] = world.ecd.callsTo('SendVerifyCode');
  if (!call) throw new Error('SendVerifyCode was not called');
  step('SendVerifyCode was called on the ECD simulator');
  detail(`RegionId=${call.params.RegionId} VerifyCodeAction=${call.params.VerifyCodeAction}`);
  detail(`ExtraInfo=${call.params.ExtraInfo}`);
  detail(`ACS3-HMAC-SHA256 signature valid: ${call.signatureValid}; Alibaba RequestId ${call.requestId}`);
  if (!call.signatureValid) throw new Error('the ECD simulator rejected the request signature');

  const reply = world.slack.threadReplies(WORLD.channel, approval.ts)[0];
  step('The RequestId and the next steps are in the approval thread');
  detail(`thread reply (thread_ts ${reply.thread_ts}): "${reply.text}"`);
  if (!JSON.stringify(reply).includes(call.requestId)) throw new Error('the thread reply does not carry the RequestId');
  await waitFor(() => world.slack.dms(WORLD.requester).some((message) => JSON.stringify(message).includes(call.requestId)), 'the requester got no DM with the RequestId');
  detail('the requester has a DM with the same RequestId and a note to forward to the CEN owner');
  detail(`the CEN owner's simulated mailbox holds ${world.ecd.mailbox(WORLD.cenOwnerId).length} code(s)`);

  step('The CEN owner passes the emailed code back; the requester enters it with "Enter verification code"');
  const code = world.ecd.latestCode(WORLD.cenOwnerId, WORLD.cenId);
  if (!code) throw new Error('the CEN owner received no code');
  await world.enterCode(WORLD.requester, code);
  await waitFor(() => world.slack.threadReplies(WORLD.channel, approval.ts).some((message) => message.text.includes('is attached')), 'the binding was not confirmed', 15_000);
  for (const action of ['VerifyCen', 'AttachCen']) {
    const [bindingCall] = world.ecd.callsTo(action);
    detail(`${action}: CenId=${bindingCall.params.CenId} CenOwnerId=${bindingCall.params.CenOwnerId}${bindingCall.params.OfficeSiteId ? ` OfficeSiteId=${bindingCall.params.OfficeSiteId}` : ''} (code not shown)`);
  }
  const site = world.ecd.officeSite(WORLD.officeSiteId);
  detail(`office network ${WORLD.officeSiteId}: CenId=${site?.cenId} CenAttachStatus=${site?.cenAttachStatus}`);
  detail(`thread reply: "${world.slack.threadReplies(WORLD.channel, approval.ts).find((message) => message.text.includes('is attached'))?.text}"`);

  const request = (await world.runtime.store.listByStatus(['bound']))[0];
  if (!request) throw new Error('the request did not end bound');
  const events = await world.runtime.store.events(request.id);
  step(`Request ${request.id} is ${request.status}; audit trail:`);
  for (const event of events) detail(`${event.at.toISOString()} ${event.actor} ${event.action}${event.toStatus ? ` -> ${event.toStatus}` : ''}${event.alibabaRequestId ? ` (RequestId ${event.alibabaRequestId})` : ''}`);
}

function describeFields(args: Record<string, unknown> | undefined): string {
  const view = typeof args?.view === 'string' ? JSON.parse(args.view) : args?.view;
  const labels = (view?.blocks ?? []).map((block: { label?: { text?: string } }) => block.label?.text).filter(Boolean);
  return labels.join(', ');
}

function step(text: string): void {
  process.stdout.write(`\n• ${text}\n`);
}

function detail(text: string): void {
  process.stdout.write(`    ${text}\n`);
}

runDemo().then(
  () => {
    process.stdout.write('\nDemo finished: the flow ran end to end.\n');
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`\nDemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
