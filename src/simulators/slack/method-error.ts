import type { SlackArgs } from './types';

/** A Web API error, returned as `{ ok: false, error, ...fields }` with HTTP 200. */
export class SlackMethodError extends Error {
  constructor(
    readonly error: string,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(error);
    this.name = 'SlackMethodError';
  }
}

/** Builds Slack's `response_metadata.messages` entry, e.g. `[ERROR] … [json-pointer:/blocks/0]`. */
export function errorMessage(text: string, pointer: string): string {
  return `[ERROR] ${text} [json-pointer:${pointer}]`;
}

export function invalidArguments(messages: string[]): SlackMethodError {
  return new SlackMethodError('invalid_arguments', { response_metadata: { messages } });
}

/** Returns a string argument, or undefined when it is absent or empty. */
export function stringArg(args: SlackArgs, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : String(value);
}

export function requiredStringArg(args: SlackArgs, name: string): string {
  const value = stringArg(args, name);
  if (value === undefined) {
    throw invalidArguments([`[ERROR] missing required field: ${name}`]);
  }
  return value;
}

/** Returns a boolean argument; form bodies carry `true`/`1` as strings. */
export function booleanArg(args: SlackArgs, name: string): boolean {
  const value = args[name];
  return value === true || value === 'true' || value === '1' || value === 1;
}

/**
 * Returns a JSON argument: form bodies carry it as a JSON string (as `@slack/web-api` sends
 * `blocks` and `view`), JSON bodies as an object. Throws `invalidError` when it does not parse.
 */
export function jsonArg(args: SlackArgs, name: string, invalidError: string): unknown {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new SlackMethodError(invalidError);
  }
}
