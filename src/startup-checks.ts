import type Credential from '@alicloud/credentials';
import type { WebClient } from '@slack/web-api';

import type { Config } from './config';
import type { Logger } from './logger';
import { slackErrorCode } from './requests/announcer';
import { openStore } from './store';
import type { RequestStore } from './store/store';

/** Problems that stop the app at start, one line each, naming the setting to fix. */
export class StartupError extends Error {
  readonly problems: string[];

  constructor(problems: string[], options?: { cause?: unknown }) {
    super(problems.join('\n'), options);
    this.name = 'StartupError';
    this.problems = problems;
  }
}

export interface SlackIdentity {
  teamId: string;
  userId: string;
  botId: string;
  url?: string;
}

/**
 * Runs the start-up checks at once (the Slack token, the Alibaba credentials, the store) and
 * throws one StartupError listing every problem found.
 */
export async function runStartupChecks(
  config: Config,
  web: WebClient,
  credential: Credential,
  options: { credentialsTimeoutMs: number; log: Logger },
): Promise<{ identity: SlackIdentity; store: RequestStore }> {
  const onConnectionError = (error: Error) => options.log.error({ err: error }, 'database connection failed');
  const [identity, credentials, store] = await Promise.allSettled([
    checkSlackToken(web, config.slack.apiUrl),
    checkCredentials(credential, options.credentialsTimeoutMs),
    openStore(config.databaseUrl, { onConnectionError }),
  ]);
  if (identity.status === 'fulfilled' && credentials.status === 'fulfilled' && store.status === 'fulfilled') {
    return { identity: identity.value, store: store.value };
  }

  if (store.status === 'fulfilled') await store.value.close();
  const problems = [identity, credentials, store].flatMap((result) => (result.status === 'rejected' ? [problemOf(result.reason)] : []));
  throw new StartupError(problems);
}

/** Explains why the Slack app could not start serving: a port in use, or a refused app-level token. */
export function startFailure(error: unknown, config: Config): StartupError {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    return new StartupError([`PORT ${config.port} cannot be used (${code}): set PORT to a free port`], { cause: error });
  }
  if (config.slack.appToken) {
    return new StartupError([`SLACK_APP_TOKEN was rejected by Slack (${slackErrorCode(error)}): set it to an app-level token (xapp-…) with the connections:write scope, from Basic Information, App-Level Tokens`], { cause: error });
  }
  return new StartupError([`The Slack app could not start (${slackErrorCode(error)}): check PORT and SLACK_SIGNING_SECRET`], { cause: error });
}

async function checkSlackToken(web: WebClient, apiUrl: string): Promise<SlackIdentity> {
  try {
    const result = await web.auth.test();
    return { teamId: result.team_id ?? '', userId: result.user_id ?? '', botId: result.bot_id ?? '', url: result.url };
  } catch (error) {
    const reason = slackErrorCode(error);
    if (reason === 'slack_webapi_request_error' || reason === 'slack_webapi_http_error') {
      throw new Error(`Slack could not be reached at SLACK_API_URL=${apiUrl} (${reason}): check SLACK_API_URL and the network path to Slack`);
    }
    throw new Error(`SLACK_BOT_TOKEN was rejected by Slack auth.test (${reason}): set it to the current Bot User OAuth Token (xoxb-…) from OAuth & Permissions`);
  }
}

async function checkCredentials(credential: Credential, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([credential.getCredential(), timeout]);
  } catch {
    throw new Error(
      'No Alibaba Cloud credentials were found: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET ' +
        '(and ALIBABA_CLOUD_SECURITY_TOKEN for STS), or ALIBABA_CLOUD_ROLE_ARN with ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ' +
        'ALIBABA_CLOUD_OIDC_TOKEN_FILE, or a profile in ~/.alibabacloud/credentials (ALIBABA_CLOUD_CREDENTIALS_FILE), ' +
        'or ALIBABA_CLOUD_ECS_METADATA for an ECS RAM role',
    );
  } finally {
    clearTimeout(timer);
  }
}

function problemOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
