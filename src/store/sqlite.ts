import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import type { AuditEvent, RequestStatus, TargetRecord, VerifyRequest } from '../requests/model';
import { eventToRow, requestToRow, rowToEvent, rowToRequest, rowToTarget, targetToRow } from './codec';
import type { EventRow, RequestRow, TargetRow } from './codec';
import { SQLITE_MIGRATIONS } from './migrations';
import { DuplicateSubmissionError, type Expected, type RequestStore, type TargetClaim, type UpdateResult } from './store';

/** The embedded store: one SQLite file, shared safely by several processes through its locks. */
export class SqliteStore implements RequestStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
  }

  async migrate(): Promise<void> {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)');
    const apply = this.db.transaction(() => {
      const row = this.db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
      for (let version = (row.version ?? 0) + 1; version <= SQLITE_MIGRATIONS.length; version++) {
        this.db.exec(SQLITE_MIGRATIONS[version - 1]);
        this.db.prepare('INSERT INTO schema_migrations (version) VALUES (?)').run(version);
      }
    });
    apply.immediate();
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async insert(request: VerifyRequest, events: AuditEvent[]): Promise<void> {
    const insert = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO requests (id, status, version, cen_id, cen_owner_id, expires_at, updated_at, data, source_view_id)
           VALUES (@id, @status, @version, @cen_id, @cen_owner_id, @expires_at, @updated_at, @data, @source_view_id)`,
        )
        .run(requestToRow(request));
      this.insertEvents(events);
    });
    try {
      insert.immediate();
    } catch (error) {
      const duplicate = request.sourceViewId && /UNIQUE constraint failed: requests\.source_view_id/.test(String((error as Error)?.message));
      throw duplicate ? new DuplicateSubmissionError(request.sourceViewId as string) : error;
    }
  }

  async get(id: string): Promise<VerifyRequest | undefined> {
    const row = this.db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as RequestRow | undefined;
    return row ? rowToRequest(row) : undefined;
  }

  async update(next: VerifyRequest, expected: Expected, events: AuditEvent[], claim?: TargetClaim): Promise<UpdateResult> {
    const update = this.db.transaction((): UpdateResult => {
      if (claim) {
        const recent = this.targetInCooldown(claim);
        if (recent) return { outcome: 'cooldown', target: recent };
      }
      const row = requestToRow(next);
      const changed = this.db
        .prepare(
          `UPDATE requests SET status = @status, version = @version, expires_at = @expires_at,
             updated_at = @updated_at, data = @data
           WHERE id = @id AND status = @expected_status AND version = @expected_version`,
        )
        .run({ ...row, expected_status: expected.status, expected_version: expected.version }).changes;
      if (changed === 0) return { outcome: 'conflict' };

      if (claim) this.saveTarget(claim.record);
      this.insertEvents(events);
      return { outcome: 'updated' };
    });
    return update.immediate();
  }

  async releaseTarget(claimed: TargetRecord, previous: TargetRecord | undefined): Promise<void> {
    const release = this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM targets WHERE cen_id = ? AND cen_owner_id = ? AND request_id = ? AND last_sent_at = ?')
        .run(claimed.cenId, claimed.cenOwnerId, claimed.requestId, claimed.lastSentAt.getTime());
      if (previous) {
        this.db
          .prepare(
            `INSERT INTO targets (cen_id, cen_owner_id, last_sent_at, request_id, requester_id)
             VALUES (@cen_id, @cen_owner_id, @last_sent_at, @request_id, @requester_id) ON CONFLICT DO NOTHING`,
          )
          .run(targetToRow(previous));
      }
    });
    release.immediate();
  }

  async target(cenId: string, cenOwnerId: string): Promise<TargetRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM targets WHERE cen_id = ? AND cen_owner_id = ?').get(cenId, cenOwnerId) as TargetRow | undefined;
    return row ? rowToTarget(row) : undefined;
  }

  async listByStatus(statuses: RequestStatus[]): Promise<VerifyRequest[]> {
    const placeholders = statuses.map(() => '?').join(', ');
    const rows = this.db.prepare(`SELECT * FROM requests WHERE status IN (${placeholders}) ORDER BY id`).all(...statuses) as RequestRow[];
    return rows.map(rowToRequest);
  }

  async events(requestId: string): Promise<AuditEvent[]> {
    const rows = this.db.prepare('SELECT * FROM audit_events WHERE request_id = ? ORDER BY seq').all(requestId) as EventRow[];
    return rows.map(rowToEvent);
  }

  async appendEvents(events: AuditEvent[]): Promise<void> {
    this.db.transaction(() => this.insertEvents(events)).immediate();
  }

  private targetInCooldown(claim: TargetClaim): TargetRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM targets WHERE cen_id = ? AND cen_owner_id = ? AND last_sent_at > ?')
      .get(claim.record.cenId, claim.record.cenOwnerId, claim.notBefore.getTime()) as TargetRow | undefined;
    return row ? rowToTarget(row) : undefined;
  }

  private saveTarget(target: TargetRecord): void {
    this.db
      .prepare(
        `INSERT INTO targets (cen_id, cen_owner_id, last_sent_at, request_id, requester_id)
         VALUES (@cen_id, @cen_owner_id, @last_sent_at, @request_id, @requester_id)
         ON CONFLICT (cen_id, cen_owner_id) DO UPDATE SET last_sent_at = excluded.last_sent_at,
           request_id = excluded.request_id, requester_id = excluded.requester_id`,
      )
      .run(targetToRow(target));
  }

  private insertEvents(events: AuditEvent[]): void {
    const statement = this.db.prepare(
      `INSERT INTO audit_events (request_id, at, actor, action, from_status, to_status, slack_channel, slack_ts,
         alibaba_request_id, error_code, detail)
       VALUES (@request_id, @at, @actor, @action, @from_status, @to_status, @slack_channel, @slack_ts,
         @alibaba_request_id, @error_code, @detail)`,
    );
    for (const event of events) statement.run(eventToRow(event));
  }
}
