import { createHmac } from 'node:crypto';

/** Returns Slack's request signature: `v0=` and the hex HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function signSlackRequest(signingSecret: string, timestampSeconds: number, body: string): string {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return `v0=${digest}`;
}
