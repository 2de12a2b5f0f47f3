/** The second migration of both stores: one request per submitted Slack view. */
const SOURCE_VIEW_MIGRATION = `ALTER TABLE requests ADD COLUMN source_view_id TEXT;
   CREATE UNIQUE INDEX requests_source_view ON requests (source_view_id);`;

/**
 * Schema changes in order; a store applies those it has not applied yet. Timestamps are
 * milliseconds since the epoch. Triggers reject UPDATE and DELETE on audit events, and TRUNCATE in
 * PostgreSQL, so the trail is append-only.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE requests (
     id TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     version INTEGER NOT NULL,
     cen_id TEXT NOT NULL,
     cen_owner_id TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX requests_status ON requests (status);
   CREATE TABLE audit_events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     request_id TEXT NOT NULL,
     at INTEGER NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     from_status TEXT,
     to_status TEXT,
     slack_channel TEXT,
     slack_ts TEXT,
     alibaba_request_id TEXT,
     error_code TEXT,
     detail TEXT
   );
   CREATE INDEX audit_events_request ON audit_events (request_id, seq);
   CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
     BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
   CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
     BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
   CREATE TABLE targets (
     cen_id TEXT NOT NULL,
     cen_owner_id TEXT NOT NULL,
     last_sent_at INTEGER NOT NULL,
     request_id TEXT NOT NULL,
     requester_id TEXT NOT NULL,
     PRIMARY KEY (cen_id, cen_owner_id)
   );`,
  SOURCE_VIEW_MIGRATION,
];

export const POSTGRES_MIGRATIONS: readonly string[] = [
  `CREATE TABLE requests (
     id TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     version INTEGER NOT NULL,
     cen_id TEXT NOT NULL,
     cen_owner_id TEXT NOT NULL,
     expires_at BIGINT NOT NULL,
     updated_at BIGINT NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX requests_status ON requests (status);
   CREATE TABLE audit_events (
     seq BIGSERIAL PRIMARY KEY,
     request_id TEXT NOT NULL,
     at BIGINT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     from_status TEXT,
     to_status TEXT,
     slack_channel TEXT,
     slack_ts TEXT,
     alibaba_request_id TEXT,
     error_code TEXT,
     detail TEXT
   );
   CREATE INDEX audit_events_request ON audit_events (request_id, seq);
   CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$;
   CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
     FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
   CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
     FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
   CREATE TABLE targets (
     cen_id TEXT NOT NULL,
     cen_owner_id TEXT NOT NULL,
     last_sent_at BIGINT NOT NULL,
     request_id TEXT NOT NULL,
     requester_id TEXT NOT NULL,
     PRIMARY KEY (cen_id, cen_owner_id)
   );`,
  SOURCE_VIEW_MIGRATION,
];
