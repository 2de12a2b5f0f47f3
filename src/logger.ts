import pino from 'pino';

import type { LogLevel } from './config';

export type Logger = pino.Logger;

/** Paths removed from every log line: tokens, secrets and verification codes never reach a log. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'botToken',
  'appToken',
  'signingSecret',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  'accessKeySecret',
  '*.accessKeySecret',
  'securityToken',
  '*.securityToken',
  'verifyCode',
  '*.verifyCode',
  '*.VerifyCode',
  'headers.authorization',
  '*.headers.authorization',
];

/** Creates the app's logger: JSON lines on stdout, or on the given stream. */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: 'cen-verify' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
}
