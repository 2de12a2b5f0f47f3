import { Pool } from 'pg';
import type { PoolClient } from 'pg';

import type { AuditEvent, RequestStatus, TargetRecord, VerifyRequest } from '../requests/model';
import { eventToRow, requestToRow, rowToEvent, rowToRequest, rowToTarget, targetToRow } from './codec';
import type { EventRow, RequestRow, TargetRow } from './codec';
import { POSTGRES_MIGRATIONS } from './migrations';
import { DuplicateSubmissionError, type Expected, type RequestStore, type TargetClaim, type UpdateResult } from './store';

export interface PostgresStoreOptions {
  /** Receives errors of broken connections, which would otherwise crash the process. */
  onConnectionError?: (error: Error) => void;
  /** Maximum connections this instance opens; default 10. */
  maxConnections?: number;
  /** Milliseconds to wait for a connection before a call fails; default 10000. */
  connectTimeoutMs?: number;
}

/**
 * Key of the advisory lock that serializes migrations. It is one constant for every schema, so
 * instances that migrate different schemas of one database also wait for each other, which is
 * harmless. The value is "CENV" in ASCII, picked to be unlikely to clash with other applications.
 */
const MIGRATION_LOCK_KEY = 0x43454e56;

const INSERT_REQUEST = `INSERT INTO requests
  (id, status, version, cen_id, cen_owner_id, expires_at, updated_at, data, source_view_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

const UPDATE_REQUEST = `UPDATE requests
  SET status = $2, version = $3, expires_at = $4, updated_at = $5, data = $6
  WHERE id = $1 AND status = $7 AND version = $8`;

const INSERT_EVENT = `INSERT INTO audit_events
  (request_id, at, actor, action, from_status, to_status, slack_channel, slack_ts,
   alibaba_request_id, error_code, detail)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;

const CLAIM_TARGET = `INSERT INTO targets
  (cen_id, cen_owner_id, last_sent_at, request_id, requester_id)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (cen_id, cen_owner_id) DO UPDATE SET last_sent_at = excluded.last_sent_at,
    request_id = excluded.request_id, requester_id = excluded.requester_id
  WHERE targets.last_sent_at <= $6
  RETURNING cen_id`;

const RESTORE_TARGET = `INSERT INTO targets
  (cen_id, cen_owner_id, last_sent_at, request_id, requester_id)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT DO NOTHING`;

const DELETE_CLAIMED_TARGET = `DELETE FROM targets
  WHERE cen_id = $1 AND cen_owner_id = $2 AND request_id = $3 AND last_sent_at = $4`;

const SELECT_TARGET = 'SELECT * FROM targets WHERE cen_id = $1 AND cen_owner_id = $2';

/** The shared store for several app instances: PostgreSQL through a connection pool. */
export class PostgresStore implements RequestStore {
  readonly kind = 'postgres';
  private readonly pool: Pool;
  private readonly onConnectionError: (error: Error) => void;

  constructor(connectionString: string, options: PostgresStoreOptions = {}) {
    this.onConnectionError = options.onConnectionError ?? warnConnectionError;
    this.pool = new Pool({
      connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    });
    // Without a listener, an idle connection that the server closes would crash the process.
    this.pool.on('error', (error) => this.onConnectionError(error));
  }

  async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      // The lock comes first because when two sessions run CREATE TABLE IF NOT EXISTS at once,
      // one of them can fail.
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)');
      const applied = await client.query<{ version: number }>(
        'SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations',
      );

      const current = applied.rows[0].version;
      for (let version = current + 1; version <= POSTGRES_MIGRATIONS.length; version++) {
        await client.query(POSTGRES_MIGRATIONS[version - 1]);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      }
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async insert(request: VerifyRequest, events: AuditEvent[]): Promise<void> {
    const row = requestToRow(request);
    const insert = this.transaction(async (client) => {
      await client.query(INSERT_REQUEST, [
        row.id,
        row.status,
        row.version,
        row.cen_id,
        row.cen_owner_id,
        row.expires_at,
        row.updated_at,
        row.data,
        row.source_view_id,
      ]);
      await insertEvents(client, events);
    });
    await insert.catch((error: { code?: string; constraint?: string }) => {
      const duplicate = request.sourceViewId && error?.code === '23505' && error.constraint === 'requests_source_view';
      throw duplicate ? new DuplicateSubmissionError(request.sourceViewId as string) : error;
    });
  }

  async get(id: string): Promise<VerifyRequest | undefined> {
    const result = await this.pool.query<RequestRow>('SELECT * FROM requests WHERE id = $1', [id]);
    return result.rows[0] ? rowToRequest(result.rows[0]) : undefined;
  }

  async update(
    next: VerifyRequest,
    expected: Expected,
    events: AuditEvent[],
    claim?: TargetClaim,
  ): Promise<UpdateResult> {
    const row = requestToRow(next);
    const work = async (client: PoolClient): Promise<UpdateResult> => {
      if (claim) {
        const recent = await claimTarget(client, claim);
        if (recent) return { outcome: 'cooldown', target: recent };
      }

      // Under READ COMMITTED a second writer waits for the first one's row lock, then rechecks the
      // WHERE clause against the committed row, so of two updates from one version only one matches.
      const changed = await client.query(UPDATE_REQUEST, [
        row.id,
        row.status,
        row.version,
        row.expires_at,
        row.updated_at,
        row.data,
        expected.status,
        expected.version,
      ]);
      if (changed.rowCount === 0) return { outcome: 'conflict' };

      await insertEvents(client, events);
      return { outcome: 'updated' };
    };
    return this.transaction(work, (result) => result.outcome === 'updated');
  }

  async releaseTarget(claimed: TargetRecord, previous: TargetRecord | undefined): Promise<void> {
    const claimedRow = targetToRow(claimed);
    await this.transaction(async (client) => {
      await client.query(DELETE_CLAIMED_TARGET, [
        claimedRow.cen_id,
        claimedRow.cen_owner_id,
        claimedRow.request_id,
        claimedRow.last_sent_at,
      ]);
      if (previous) await client.query(RESTORE_TARGET, targetParameters(targetToRow(previous)));
    });
  }

  async target(cenId: string, cenOwnerId: string): Promise<TargetRecord | undefined> {
    const result = await this.pool.query<TargetRow>(SELECT_TARGET, [cenId, cenOwnerId]);
    return result.rows[0] ? rowToTarget(result.rows[0]) : undefined;
  }

  async listByStatus(statuses: RequestStatus[]): Promise<VerifyRequest[]> {
    const result = await this.pool.query<RequestRow>(
      'SELECT * FROM requests WHERE status = ANY($1) ORDER BY id',
      [statuses],
    );
    return result.rows.map(rowToRequest);
  }

  async events(requestId: string): Promise<AuditEvent[]> {
    const result = await this.pool.query<EventRow>(
      'SELECT * FROM audit_events WHERE request_id = $1 ORDER BY seq',
      [requestId],
    );
    return result.rows.map(rowToEvent);
  }

  async appendEvents(events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.transaction((client) => insertEvents(client, events));
  }

  /** Runs `work` in one transaction and commits if `commitIf` accepts its result, else rolls back. */
  private async transaction<T>(
    work: (client: PoolClient) => Promise<T>,
    commitIf: (result: T) => boolean = () => true,
  ): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out connection that breaks also emits `error`, and with no listener that crashes
    // the process.
    const onError = (error: Error): void => this.onConnectionError(error);
    client.on('error', onError);
    let broken = false;

    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query(commitIf(result) ? 'COMMIT' : 'ROLLBACK');
      return result;
    } catch (error) {
      broken = !(await rollBack(client));
      throw error;
    } finally {
      client.removeListener('error', onError);
      // A connection that cannot even roll back is closed rather than handed to the next caller.
      client.release(broken);
    }
  }
}

/**
 * Records the claim's send on its target unless a code went there after `notBefore`, in which case
 * it returns the target of that earlier send. Either way the target row stays locked until the
 * transaction ends, so a concurrent claim waits and then reads this one's result.
 */
async function claimTarget(client: PoolClient, claim: TargetClaim): Promise<TargetRecord | undefined> {
  const row = targetToRow(claim.record);
  const claimed = await client.query(CLAIM_TARGET, [...targetParameters(row), claim.notBefore.getTime()]);
  if (claimed.rowCount === 1) return undefined;

  // ON CONFLICT DO UPDATE locks the conflicting row even when its WHERE fails, so it is still there.
  const current = await client.query<TargetRow>(SELECT_TARGET, [row.cen_id, row.cen_owner_id]);
  if (!current.rows[0]) {
    throw new Error(`target ${row.cen_id}/${row.cen_owner_id} not found after ON CONFLICT locked it`);
  }
  return rowToTarget(current.rows[0]);
}

async function insertEvents(client: PoolClient, events: AuditEvent[]): Promise<void> {
  for (const event of events) {
    const row = eventToRow(event);
    await client.query(INSERT_EVENT, [
      row.request_id,
      row.at,
      row.actor,
      row.action,
      row.from_status,
      row.to_status,
      row.slack_channel,
      row.slack_ts,
      row.alibaba_request_id,
      row.error_code,
      row.detail,
    ]);
  }
}

function targetParameters(row: TargetRow): (string | number)[] {
  return [row.cen_id, row.cen_owner_id, row.last_sent_at, row.request_id, row.requester_id];
}

/** Rolls back the open transaction. Returns false when the connection is too broken to do so. */
async function rollBack(client: PoolClient): Promise<boolean> {
  try {
    await client.query('ROLLBACK');
    return true;
  } catch {
    return false;
  }
}

function warnConnectionError(error: Error): void {
  process.emitWarning(`PostgreSQL connection failed: ${error.message}`, {
    code: 'CEN_VERIFY_POSTGRES_CONNECTION',
  });
}
