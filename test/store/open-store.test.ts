import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { maskDatabaseUrl, openStore, StoreOpenError } from '../../src/store';
import type { RequestStore } from '../../src/store';
import { buildRequest, postgresHarness } from './harness';
import type { PostgresHarness } from './harness';

describe('openStore', () => {
  let folder: string;
  let harness: PostgresHarness | undefined;
  const opened: RequestStore[] = [];

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cen-verify-open-'));
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await harness?.dispose();
    harness = undefined;
    fs.rmSync(folder, { recursive: true, force: true });
  });

  async function open(databaseUrl: string): Promise<RequestStore> {
    const store = await openStore(databaseUrl);
    opened.push(store);
    return store;
  }

  async function openError(databaseUrl: string): Promise<StoreOpenError> {
    const error = await openStore(databaseUrl).then(
      (store) => {
        opened.push(store);
        throw new Error(`openStore(${databaseUrl}) succeeded, expected a StoreOpenError`);
      },
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    return error as StoreOpenError;
  }

  test('file path opens a migrated SQLite store in a new folder', async () => {
    const file = path.join(folder, 'nested', 'data', 'cen-verify.sqlite');

    const store = await open(file);
    await store.insert(buildRequest(), []);

    expect(store.kind).toBe('sqlite');
    expect(fs.existsSync(file)).toBe(true);
    expect(await store.get('req-0001')).toEqual(buildRequest());
  });

  test.each(['postgres', 'postgresql'])('%s:// URL opens a migrated PostgreSQL store', async (scheme) => {
    harness = await postgresHarness();
    const url = harness.url.replace(/^postgres(?:ql)?:/, `${scheme}:`);

    const store = await open(url);
    await store.insert(buildRequest(), []);

    expect(store.kind).toBe('postgres');
    expect(await store.get('req-0001')).toEqual(buildRequest());
  });

  test('unreachable PostgreSQL names DATABASE_URL without the password', async () => {
    const error = await openError('postgres://cen_verify:s3cret-Pa55@127.0.0.1:1/cen_verify');

    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.message).toContain('DATABASE_URL=postgres://cen_verify:***@127.0.0.1:1/cen_verify');
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).toMatch(/Check that the server is running/);
    expect(error.message).not.toContain('s3cret-Pa55');
    expect(String((error.cause as Error).stack)).not.toContain('s3cret-Pa55');
  });

  test('unreachable PostgreSQL masks a password given as a parameter', async () => {
    const error = await openError('postgresql://127.0.0.1:1/cen_verify?password=s3cret-Pa55&sslmode=disable');

    expect(error.message).toContain('DATABASE_URL=postgresql://127.0.0.1:1/cen_verify?password=***&sslmode=disable');
    expect(error.message).not.toContain('s3cret-Pa55');
  });

  test('malformed PostgreSQL URL asks for percent-encoding', async () => {
    const error = await openError('postgres://cen_verify:s3cret-Pa55@[::1/cen_verify');

    expect(error.message).toContain('DATABASE_URL=postgres://cen_verify:***@[::1/cen_verify');
    expect(error.message).toMatch(/percent-encode/);
    expect(error.message).not.toContain('s3cret-Pa55');
  });

  test('file that is not a SQLite database names DATABASE_URL', async () => {
    const file = path.join(folder, 'not-a-database.sqlite');
    fs.writeFileSync(file, 'this is a text file, not a SQLite database\n'.repeat(100));

    const error = await openError(file);

    expect(error.message).toContain(`SQLite database at DATABASE_URL=${file}`);
    expect(error.message).toMatch(/not a database/);
  });

  test('empty DATABASE_URL is rejected', async () => {
    const error = await openError('  ');

    expect(error.message).toBe('DATABASE_URL is empty: set it to a postgres:// URL or to a SQLite file path');
  });
});

describe('maskDatabaseUrl', () => {
  test.each([
    ['postgres://app:pw@db.internal:5432/cen', 'postgres://app:***@db.internal:5432/cen'],
    ['postgres://app:p%40ss@db.internal/cen', 'postgres://app:***@db.internal/cen'],
    ['postgres://app:p@ss:w/rd@db.internal/cen', 'postgres://app:***@db.internal/cen'],
    ['postgres://app@db.internal/cen', 'postgres://app@db.internal/cen'],
    ['postgres://db.internal/cen?user=app&password=pw', 'postgres://db.internal/cen?user=app&password=***'],
    ['./data/cen-verify.sqlite', './data/cen-verify.sqlite'],
  ])('masks %s', (databaseUrl, masked) => {
    expect(maskDatabaseUrl(databaseUrl)).toBe(masked);
  });
});
