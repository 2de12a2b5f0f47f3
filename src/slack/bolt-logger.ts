import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

import type { Logger } from '../logger';

/**
 * Routes Bolt's and the Slack clients' own log lines through the app's logger. Their debug lines
 * are dropped: they dump whole payloads, and a submitted verification code must never be logged.
 */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack' });
  const text = (parts: unknown[]) => parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  return {
    debug: () => undefined,
    info: (...parts: unknown[]) => child.info(text(parts)),
    warn: (...parts: unknown[]) => child.warn(text(parts)),
    error: (...parts: unknown[]) => child.error(text(parts)),
    setLevel: () => undefined,
    getLevel: () => (child.level as LogLevel) ?? LogLevel.INFO,
    setName: () => undefined,
  };
}
