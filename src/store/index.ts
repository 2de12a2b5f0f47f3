import { PostgresStore } from './postgres';
import type { PostgresStoreOptions } from './postgres';
import { SqliteStore } from './sqlite';
import type { RequestStore } from './store';

export { PostgresStore } from './postgres';
export type { PostgresStoreOptions } from './postgres';
export { SqliteStore } from './sqlite';
export type { Expected, RequestStore, TargetClaim, UpdateResult } from './store';

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;
/** Scheme, then user information up to the last `@`, which keeps a password with an unencoded `@` whole. */
const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)(.*)@/i;
const PASSWORD_PARAMETER = /([?&]password=)([^&]*)/gi;

const INVALID_URL_HINT =
  'Check the URL syntax: percent-encode characters such as @, : and / in the user and password.';
const UNREACHABLE_HINT =
  'Check that the server is running and reachable from this host, that the user, password and ' +
  'database in DATABASE_URL are right, and that the user may create tables in its schema.';
const SQLITE_HINT =
  'Check that this process may write to that folder and that an existing file there is a SQLite ' +
  'database, or set DATABASE_URL to a postgres:// URL.';

/** A store that could not be opened or migrated. The message masks the password of DATABASE_URL. */
export class StoreOpenError extends Error {
  readonly code = 'STORE_UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}

export function isPostgresUrl(databaseUrl: string): boolean {
  return POSTGRES_URL.test(databaseUrl.trim());
}

/**
 * Opens the store that DATABASE_URL names and applies its pending migrations: PostgreSQL for a
 * `postgres://` or `postgresql://` URL, otherwise a SQLite file at that path, whose folder is
 * created. Throws StoreOpenError when the database cannot be reached, opened or migrated.
 */
export async function openStore(
  databaseUrl: string,
  options: PostgresStoreOptions = {},
): Promise<RequestStore> {
  const url = databaseUrl.trim();
  if (url === '') {
    throw new StoreOpenError('DATABASE_URL is empty: set it to a postgres:// URL or to a SQLite file path');
  }

  const postgres = isPostgresUrl(url);
  let store: RequestStore | undefined;
  try {
    store = postgres ? new PostgresStore(url, options) : new SqliteStore(url);
    await store.migrate();
    return store;
  } catch (error) {
    await store?.close().catch(() => undefined);
    throw openFailure(url, postgres, error);
  }
}

/** Replaces the password of a database URL, in its user part or its `password` parameter, with `***`. */
export function maskDatabaseUrl(databaseUrl: string): string {
  const withoutUserPassword = databaseUrl.replace(USER_INFO, (_match, scheme: string, userInfo: string) => {
    const colon = userInfo.indexOf(':');
    return colon === -1 ? `${scheme}${userInfo}@` : `${scheme}${userInfo.slice(0, colon)}:***@`;
  });
  return withoutUserPassword.replace(PASSWORD_PARAMETER, '$1***');
}

function openFailure(databaseUrl: string, postgres: boolean, error: unknown): StoreOpenError {
  const cause = withoutSecrets(error, passwordsOf(databaseUrl));
  const reason = messageOf(cause);
  const at = `DATABASE_URL=${maskDatabaseUrl(databaseUrl)}`;

  if (!postgres) {
    return new StoreOpenError(
      `Could not open or migrate the SQLite database at ${at}: ${reason}. ${SQLITE_HINT}`,
      { cause },
    );
  }
  const hint = errorCode(cause) === 'ERR_INVALID_URL' ? INVALID_URL_HINT : UNREACHABLE_HINT;
  return new StoreOpenError(
    `Could not connect to or migrate the PostgreSQL database at ${at}: ${reason}. ${hint}`,
    { cause },
  );
}

/** Lists every form in which the URL's password could appear in a driver's message. */
function passwordsOf(databaseUrl: string): string[] {
  const passwords: string[] = [];
  const userInfo = USER_INFO.exec(databaseUrl)?.[2];
  const colon = userInfo?.indexOf(':') ?? -1;
  if (userInfo !== undefined && colon !== -1) passwords.push(userInfo.slice(colon + 1));
  for (const match of databaseUrl.matchAll(PASSWORD_PARAMETER)) passwords.push(match[2]);

  const decoded = passwords.map((password) => {
    try {
      return decodeURIComponent(password);
    } catch {
      return password;
    }
  });
  return [...passwords, ...decoded].filter((password) => password !== '');
}

/**
 * Returns the error itself when the URL has no password, else a copy with each password replaced
 * by `***`. The copy keeps the message, stack, name and code but no other field, because one could
 * contain the whole URL.
 */
function withoutSecrets(error: unknown, passwords: string[]): unknown {
  if (passwords.length === 0) return error;

  const mask = (text: string): string =>
    passwords.reduce((masked, password) => masked.split(password).join('***'), text);
  const copy = new Error(mask(messageOf(error)));
  const { name, stack } = (error ?? {}) as { name?: unknown; stack?: unknown };
  if (typeof name === 'string') copy.name = name;
  copy.stack = typeof stack === 'string' ? mask(stack) : undefined;
  const code = errorCode(error);
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

/** Reads `message` without `instanceof Error`, which fails for errors made in another realm. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
