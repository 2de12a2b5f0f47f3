import { ConfigError, loadConfig } from '../../src/config';

const BASE = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: 'secret',
  APPROVAL_CHANNEL_ID: 'C0123456789',
  APPROVERS: 'U0APPROVER,S0GROUP',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(BASE);

    expect(config.port).toBe(3000);
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(config.requiredApprovals).toBe(1);
    expect(config.requestTtlMs).toBe(24 * 3_600_000);
    expect(config.resendCooldownMs).toBe(60_000);
    expect(config.ecd.timeoutMs).toBe(10_000);
    expect(config.ecd.endpoint).toBeUndefined();
    expect(config.allowedRegions).toBeUndefined();
    expect(config.databaseUrl).toBe('./data/cen-verify.sqlite');
    expect(config.logLevel).toBe('info');
    expect(config.requesters).toEqual([]);
  });

  it('reads user and group IDs from APPROVERS', () => {
    expect(loadConfig(BASE).approvers).toEqual(['U0APPROVER', 'S0GROUP']);
  });

  it('parses every duration unit', () => {
    const config = loadConfig({ ...BASE, REQUEST_TTL: '7d', RESEND_COOLDOWN: '10m', ECD_TIMEOUT: '500ms' });

    expect(config.requestTtlMs).toBe(7 * 86_400_000);
    expect(config.resendCooldownMs).toBe(600_000);
    expect(config.ecd.timeoutMs).toBe(500);
  });

  it('splits ECD_ENDPOINT into protocol and host', () => {
    expect(loadConfig({ ...BASE, ECD_ENDPOINT: 'http://127.0.0.1:8080' }).ecd.endpoint).toEqual({ protocol: 'http', host: '127.0.0.1:8080' });
  });

  it('runs without a signing secret in Socket Mode', () => {
    const config = loadConfig({ ...BASE, SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1-abc' });

    expect(config.slack.appToken).toBe('xapp-1-abc');
  });

  it('lists every problem at once, each naming its variable', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxp-user', REQUEST_TTL: 'soon', ECD_ENDPOINT: 'ecd.example.com/path', PORT: 'http' });

    expect(problems.some((problem) => problem.startsWith('SLACK_BOT_TOKEN'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('APPROVAL_CHANNEL_ID'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('APPROVERS'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('REQUEST_TTL'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('ECD_ENDPOINT'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('PORT'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('SLACK_SIGNING_SECRET'))).toBe(true);
  });

  it.each([
    ['APPROVERS', 'alice,bob'],
    ['REQUESTERS', '#ops'],
    ['REQUIRED_APPROVALS', '0'],
    ['RESEND_COOLDOWN', '10 minutes'],
    ['ALLOWED_REGIONS', 'Hangzhou'],
    ['ECD_ENDPOINT', 'ftp://ecd.example.com'],
    ['ECD_TIMEOUT', '0s'],
    ['SLACK_API_URL', 'https://slack.com/'],
    ['LOG_LEVEL', 'verbose'],
    ['ALIBABA_CLOUD_ACCOUNT_ID', '0123'],
    ['SLACK_APP_TOKEN', 'xoxb-wrong-kind'],
    ['REQUEST_TTL', '100000000d'],
    ['DATABASE_URL', 'mysql://db.internal/cen'],
  ])('rejects an invalid %s', (variable, value) => {
    const problems = problemsOf({ ...BASE, [variable]: value });

    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(variable)).toBe(true);
  });

  it('rejects a quorum the listed approvers cannot reach', () => {
    const problems = problemsOf({ ...BASE, APPROVERS: 'U0A,U0B', REQUIRED_APPROVALS: '3' });

    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith('REQUIRED_APPROVALS')).toBe(true);
  });

  it('accepts any quorum when a user group approves', () => {
    expect(loadConfig({ ...BASE, APPROVERS: 'S0GROUP', REQUIRED_APPROVALS: '3' }).requiredApprovals).toBe(3);
  });

  it('never puts a token in a problem', () => {
    const problems = problemsOf({ ...BASE, SLACK_BOT_TOKEN: 'xoxp-secret-user-token' });

    expect(problems.join('\n')).not.toContain('secret-user-token');
  });
});
