import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { Client } from 'pg';

import type { AuditEvent, TargetRecord, VerifyRequest } from '../../src/requests/model';
import { PostgresStore } from '../../src/store/postgres';
import type { PostgresStoreOptions } from '../../src/store/postgres';
import { SqliteStore } from '../../src/store/sqlite';
import type { RequestStore } from '../../src/store/store';

/**
 * The server the PostgreSQL tests use. Each test gets its own schema there, dropped afterwards.
 * Without a user in the URL, `pg` sends $USER, so the OS user is filled in, as libpq would do.
 */
export const POSTGRES_URL = withDefaultUser(process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test');

/** One empty database for one test, and a way to open several store instances on it. */
export interface Harness {
  /** DATABASE_URL of this database: a SQLite file path or a PostgreSQL URL with its schema. */
  readonly url: string;
  /** Opens another instance with its own connections, without migrating. `dispose` closes it. */
  open(): RequestStore;
  /** Runs SQL on the database directly, past the store. */
  execute(sql: string): Promise<void>;
  dispose(): Promise<void>;
}

export type HarnessFactory = () => Promise<Harness>;

export async function sqliteHarness(): Promise<Harness> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cen-verify-store-'));
  const file = path.join(folder, 'cen-verify.sqlite');
  const stores: RequestStore[] = [];

  return {
    url: file,
    open: () => track(stores, new SqliteStore(file)),
    execute: async (sql) => {
      const db = new Database(file);
      try {
        db.exec(sql);
      } catch (error) {
        // The better-sqlite3 addon keeps the SqliteError class of the first test file that loads it,
        // so in later files of one Jest process its errors fail `instanceof Error` and `toThrow`.
        throw new Error((error as { message?: string }).message ?? String(error), { cause: error });
      } finally {
        db.close();
      }
    },
    dispose: async () => {
      await closeAll(stores);
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

export async function postgresHarness(options: PostgresStoreOptions = {}): Promise<PostgresHarness> {
  const schema = `cen_verify_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`SET search_path TO ${schema}`);
  const url = withSearchPath(POSTGRES_URL, schema);
  const stores: RequestStore[] = [];

  return {
    url,
    schema,
    admin,
    open: () => track(stores, new PostgresStore(url, options)),
    execute: async (sql) => {
      await admin.query(sql);
    },
    dispose: async () => {
      await closeAll(stores);
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

export interface PostgresHarness extends Harness {
  readonly schema: string;
  /** A connection of its own, with `search_path` set to the test's schema. */
  readonly admin: Client;
}

/**
 * Sets `search_path` for every connection made with the URL, through the `options` startup
 * parameter, and names the connections after the schema so that a test finds its own sessions.
 */
export function withSearchPath(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', schema);
  return url.toString();
}

function withDefaultUser(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.username === '' && !url.searchParams.has('user')) url.username = process.env.PGUSER ?? os.userInfo().username;
  return url.toString();
}

function track(stores: RequestStore[], store: RequestStore): RequestStore {
  stores.push(store);
  return store;
}

async function closeAll(stores: RequestStore[]): Promise<void> {
  // A test may have closed some already; closing twice throws in `pg`, so those failures are expected.
  await Promise.all(stores.map((store) => store.close().catch(() => undefined)));
}

export const T0 = new Date('2025-03-01T08:00:00.123Z');

export function at(offsetMs: number): Date {
  return new Date(T0.getTime() + offsetMs);
}

/** Builds a pending request for a CEN owner whose account ID exceeds Number.MAX_SAFE_INTEGER. */
export function buildRequest(overrides: Partial<VerifyRequest> = {}): VerifyRequest {
  return {
    id: 'req-0001',
    status: 'pending',
    version: 1,
    teamId: 'T0TEAM',
    requesterId: 'U0REQUESTER',
    cenId: 'cen-7qthudw0ll6jmc',
    cenOwnerId: '9999999999999999',
    regionId: 'cn-hangzhou',
    reason: 'Bind the Hangzhou office network to the shared CEN',
    approvals: [],
    attempts: 0,
    createdAt: T0,
    updatedAt: T0,
    expiresAt: at(24 * 60 * 60 * 1000),
    ...overrides,
  };
}

export function buildEvent(requestId: string, action: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return { requestId, at: T0, actor: 'U0REQUESTER', action, ...overrides };
}

export function buildTarget(request: VerifyRequest, lastSentAt: Date): TargetRecord {
  return { cenId: request.cenId, cenOwnerId: request.cenOwnerId, lastSentAt, requestId: request.id, requesterId: request.requesterId };
}
