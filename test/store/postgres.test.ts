import type { Client } from 'pg';

import { POSTGRES_MIGRATIONS } from '../../src/store/migrations';
import { at, buildEvent, buildRequest, postgresHarness } from './harness';
import type { PostgresHarness } from './harness';

describe('PostgreSQL store', () => {
  let harness: PostgresHarness;
  const connectionErrors: Error[] = [];

  beforeEach(async () => {
    connectionErrors.length = 0;
    harness = await postgresHarness({ onConnectionError: (error) => connectionErrors.push(error) });
  });

  afterEach(async () => {
    await harness.dispose();
  });

  test('concurrent migrations of one schema all succeed', async () => {
    const instances = Array.from({ length: 5 }, () => harness.open());

    await Promise.all(instances.map((instance) => instance.migrate()));

    const applied = await harness.admin.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.rows.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((_, index) => index + 1));
  });

  test('database rejects TRUNCATE on audit events', async () => {
    const store = harness.open();
    await store.migrate();
    await store.appendEvents([buildEvent('req-0001', 'created')]);

    await expect(harness.execute('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect(await store.events('req-0001')).toHaveLength(1);
  });

  test('timestamps are BIGINT milliseconds', async () => {
    const store = harness.open();
    await store.migrate();
    const request = buildRequest({ expiresAt: at(86_400_000) });

    await store.insert(request, [buildEvent(request.id, 'created', { at: at(5) })]);

    const stored = await harness.admin.query('SELECT expires_at, updated_at FROM requests');
    expect(stored.rows[0]).toEqual({ expires_at: String(at(86_400_000).getTime()), updated_at: String(request.updatedAt.getTime()) });
    const event = await harness.admin.query('SELECT at FROM audit_events');
    expect(event.rows[0].at).toBe(String(at(5).getTime()));
  });

  test('closed idle connection is reported, not thrown', async () => {
    const store = harness.open();
    await store.migrate();
    await store.get('req-0001');

    const sessions = await storeSessions(harness);
    expect(sessions.length).toBeGreaterThan(0);
    await terminateSessions(harness.admin, sessions);
    await waitFor(() => connectionErrors.length > 0);

    expect(connectionErrors[0].message).toMatch(/terminat/);
    expect(await store.get('req-0001')).toBeUndefined();
  });

  test('connection lost mid-transaction rejects the update', async () => {
    const store = harness.open();
    await store.migrate();
    const request = buildRequest();
    await store.insert(request, []);
    await harness.admin.query('BEGIN');
    await harness.admin.query('SELECT id FROM requests WHERE id = $1 FOR UPDATE', [request.id]);

    const blocked = store.update({ ...request, status: 'approved', version: 2 }, request, [buildEvent(request.id, 'approved')]);
    await waitFor(async () => (await blockedSessions(harness.admin)).length > 0);
    await terminateSessions(harness.admin, await blockedSessions(harness.admin));
    await harness.admin.query('ROLLBACK');

    await expect(blocked).rejects.toThrow(/terminat/);
    expect(connectionErrors.length).toBeGreaterThan(0);
    expect(await store.get(request.id)).toEqual(request);
    expect(await store.events(request.id)).toEqual([]);
  });
});

/** Lists the sessions of the test's stores, found by the application name that the harness gives them. */
async function storeSessions(harness: PostgresHarness): Promise<number[]> {
  const result = await harness.admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [harness.schema]);
  return result.rows.map((row) => row.pid);
}

/** Ends sessions from the server side, as a server restart or an administrator would. */
async function terminateSessions(admin: Client, pids: number[]): Promise<void> {
  await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
}

/** Lists the sessions that wait for a lock held by this admin connection. */
async function blockedSessions(admin: Client): Promise<number[]> {
  const result = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))',
  );
  return result.rows.map((row) => row.pid);
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for the condition`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
