import { z } from 'zod';

import { REGION_ID_PATTERN } from './alicloud/regions';
import { parseDuration } from './duration';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Settings of one running app, read once from the environment. */
export interface Config {
  slack: {
    botToken: string;
    appToken?: string;
    signingSecret?: string;
    apiUrl: string;
  };
  port: number;
  approvalChannelId: string;
  approvers: string[];
  requesters: string[];
  requiredApprovals: number;
  requestTtlMs: number;
  resendCooldownMs: number;
  /** The regions offered in the modal; undefined means every region ECD serves. */
  allowedRegions?: string[];
  ecd: {
    /** Scheme and host[:port] used for every region, or undefined for `ecd.<region>.aliyuncs.com`. */
    endpoint?: { protocol: 'http' | 'https'; host: string };
    timeoutMs: number;
    accountId?: string;
  };
  databaseUrl: string;
  logLevel: LogLevel;
}

/** Thrown when the environment is invalid; each problem names the variable and what to set. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SLACK_ID_LIST = /^[UWS][A-Z0-9]{2,}$/;
const DEFAULTS = {
  PORT: '3000',
  SLACK_API_URL: 'https://slack.com/api/',
  REQUIRED_APPROVALS: '1',
  REQUEST_TTL: '24h',
  RESEND_COOLDOWN: '60s',
  ECD_TIMEOUT: '10s',
  DATABASE_URL: './data/cen-verify.sqlite',
  LOG_LEVEL: 'info',
};

const text = (variable: string, hint: string) =>
  z.string({ error: `${variable} is missing: set it to ${hint}` }).trim().min(1, `${variable} is empty: set it to ${hint}`);

const duration = (variable: string, max: string) =>
  z.string().transform((value, context) => {
    const ms = parseDuration(value);
    if (ms === undefined || ms === 0) {
      context.addIssue({ code: 'custom', message: `${variable} "${value}" is invalid: use a number and a unit, such as 30s, 10m, 24h or 7d` });
      return z.NEVER;
    }
    if (ms > (parseDuration(max) as number)) {
      context.addIssue({ code: 'custom', message: `${variable} "${value}" is too long: use at most ${max}` });
      return z.NEVER;
    }
    return ms;
  });

const idList = (variable: string, required: boolean) =>
  z.string({ error: `${variable} is missing: list the Slack user IDs (U…, W…) or user group IDs (S…) who may approve, separated by commas` }).transform((value, context) => {
    const ids = splitList(value);
    const bad = ids.filter((id) => !SLACK_ID_LIST.test(id));
    if (bad.length > 0) {
      context.addIssue({ code: 'custom', message: `${variable} has invalid Slack IDs (${bad.join(', ')}): list user IDs (U…, W…) and user group IDs (S…), separated by commas` });
    } else if (required && ids.length === 0) {
      context.addIssue({ code: 'custom', message: `${variable} is empty: list the Slack user IDs (U…, W…) or user group IDs (S…) who may approve, separated by commas` });
    }
    return ids;
  });

const schema = z.object({
  SLACK_BOT_TOKEN: text('SLACK_BOT_TOKEN', 'the bot token (xoxb-…) from OAuth & Permissions').refine(
    (value) => value.startsWith('xoxb-'),
    'SLACK_BOT_TOKEN is not a bot token: use the token that starts with xoxb- from OAuth & Permissions',
  ),
  SLACK_APP_TOKEN: z
    .string()
    .trim()
    .optional()
    .refine(
      (value) => !value || value.startsWith('xapp-'),
      'SLACK_APP_TOKEN is not an app-level token: use the token that starts with xapp- (Basic Information, App-Level Tokens, scope connections:write), or unset it for HTTP mode',
    ),
  SLACK_SIGNING_SECRET: z.string().trim().optional(),
  SLACK_API_URL: z
    .string()
    .default(DEFAULTS.SLACK_API_URL)
    .refine((value) => /^https?:\/\/[^/]+(\/.*)?\/api\/$/.test(value), 'SLACK_API_URL is invalid: use a URL ending in /api/, such as https://slack.com/api/'),
  PORT: z
    .string()
    .default(DEFAULTS.PORT)
    .refine((value) => /^\d+$/.test(value) && Number(value) <= 65535, 'PORT is invalid: use a TCP port number from 0 to 65535')
    .transform(Number),
  APPROVAL_CHANNEL_ID: text('APPROVAL_CHANNEL_ID', 'the ID of the approval channel (C…, G…), from the channel details').refine(
    (value) => /^[CG][A-Z0-9]{2,}$/.test(value),
    'APPROVAL_CHANNEL_ID is invalid: use a channel ID such as C0123456789 (channel details, at the bottom), not the channel name',
  ),
  APPROVERS: idList('APPROVERS', true),
  REQUESTERS: idList('REQUESTERS', false).default([]),
  REQUIRED_APPROVALS: z
    .string()
    .default(DEFAULTS.REQUIRED_APPROVALS)
    .refine((value) => /^[1-9]\d*$/.test(value), 'REQUIRED_APPROVALS is invalid: use a whole number of at least 1')
    .transform(Number),
  REQUEST_TTL: duration('REQUEST_TTL', '365d').prefault(DEFAULTS.REQUEST_TTL),
  RESEND_COOLDOWN: duration('RESEND_COOLDOWN', '30d').prefault(DEFAULTS.RESEND_COOLDOWN),
  ALLOWED_REGIONS: z.string().optional(),
  ECD_ENDPOINT: z.string().trim().optional(),
  ECD_TIMEOUT: duration('ECD_TIMEOUT', '10m').prefault(DEFAULTS.ECD_TIMEOUT),
  ALIBABA_CLOUD_ACCOUNT_ID: z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || /^[1-9]\d{4,19}$/.test(value), 'ALIBABA_CLOUD_ACCOUNT_ID is invalid: use the account ID (UID) digits, 5 to 20 of them'),
  DATABASE_URL: z
    .string()
    .trim()
    .default(DEFAULTS.DATABASE_URL)
    .refine(
      (value) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^postgres(ql)?:\/\//i.test(value),
      'DATABASE_URL has an unsupported scheme: use a postgres:// or postgresql:// URL, or a SQLite file path',
    ),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error'], { error: 'LOG_LEVEL is invalid: use debug, info, warn or error' }).default('info'),
});

/** Reads and checks the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = withoutEmptyValues(env);
  const parsed = schema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  const regions = parseRegions(raw.ALLOWED_REGIONS, problems);
  const endpoint = parseEcdEndpoint(raw.ECD_ENDPOINT, problems);
  if (!raw.SLACK_APP_TOKEN && !raw.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET is missing: set it to the Signing Secret (Basic Information), or set SLACK_APP_TOKEN to run in Socket Mode');
  }
  if (parsed.success) checkQuorum(parsed.data.APPROVERS, parsed.data.REQUIRED_APPROVALS, problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);

  const values = parsed.data;

  return {
    slack: {
      botToken: values.SLACK_BOT_TOKEN,
      appToken: values.SLACK_APP_TOKEN,
      signingSecret: values.SLACK_SIGNING_SECRET,
      apiUrl: values.SLACK_API_URL,
    },
    port: values.PORT,
    approvalChannelId: values.APPROVAL_CHANNEL_ID,
    approvers: values.APPROVERS,
    requesters: values.REQUESTERS,
    requiredApprovals: values.REQUIRED_APPROVALS,
    requestTtlMs: values.REQUEST_TTL,
    resendCooldownMs: values.RESEND_COOLDOWN,
    allowedRegions: regions,
    ecd: { endpoint, timeoutMs: values.ECD_TIMEOUT, accountId: values.ALIBABA_CLOUD_ACCOUNT_ID },
    databaseUrl: values.DATABASE_URL,
    logLevel: values.LOG_LEVEL,
  };
}

/** Rejects a quorum that the listed approvers can never reach; user groups may hold anyone. */
function checkQuorum(approvers: string[], required: number, problems: string[]): void {
  if (approvers.some((id) => id.startsWith('S')) || required <= approvers.length) return;
  problems.push(`REQUIRED_APPROVALS is ${required} but APPROVERS lists ${approvers.length} users: list more approvers, a user group, or lower REQUIRED_APPROVALS`);
}

function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''));
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function parseRegions(value: string | undefined, problems: string[]): string[] | undefined {
  if (value === undefined) return undefined;

  const regions = [...new Set(splitList(value))];
  const bad = regions.filter((region) => !REGION_ID_PATTERN.test(region));
  if (bad.length > 0) problems.push(`ALLOWED_REGIONS has invalid region IDs (${bad.join(', ')}): use IDs such as cn-hangzhou, separated by commas`);
  if (regions.length === 0) problems.push('ALLOWED_REGIONS is empty: list region IDs such as cn-hangzhou, or unset it to offer every ECD region');
  if (regions.length > 100) problems.push('ALLOWED_REGIONS lists more than 100 regions: a Slack select offers at most 100');
  return regions;
}

/** Splits `scheme://host[:port]` into what the Alibaba client takes: a protocol and a bare host. */
export function parseEcdEndpoint(value: string | undefined, problems: string[]): Config['ecd']['endpoint'] {
  if (value === undefined) return undefined;

  const match = /^(https?):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?\/?$/.exec(value);
  if (!match) {
    problems.push(`ECD_ENDPOINT "${value}" is invalid: use scheme://host[:port] with no path, such as https://ecd-vpc.cn-hangzhou.aliyuncs.com`);
    return undefined;
  }
  return { protocol: match[1] as 'http' | 'https', host: `${match[2]}${match[3] ?? ''}` };
}
