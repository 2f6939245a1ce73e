import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Officers' work on alerts: the proposed disposition and its proposer on the alert (four eyes compares officer
 * ids), SLA breach marking, a priority rank for ordering (CRITICAL first), append-only notes and disposition
 * history, and one row per monitoring rule and window (a window is evaluated once).
 */
export class CreateAlertWorkTables1764100000030 implements MigrationInterface {
  name = 'CreateAlertWorkTables1764100000030';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE alerts
        ADD COLUMN priority_rank smallint GENERATED ALWAYS AS (
          CASE priority WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END) STORED,
        ADD COLUMN sla_breached_at timestamptz,
        ADD COLUMN disposition text CHECK (disposition IN ('TRUE_MATCH', 'FALSE_POSITIVE', 'SUSPICIOUS', 'NOT_SUSPICIOUS')),
        ADD COLUMN disposed_by_id uuid,
        ADD COLUMN disposed_by text,
        ADD COLUMN disposed_at timestamptz;

      CREATE TABLE alert_notes (
        id bigserial PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES alerts (id),
        author_id text NOT NULL,
        author text NOT NULL,
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX alert_notes_alert ON alert_notes (alert_id, id);
      CREATE TRIGGER alert_notes_append_only BEFORE UPDATE OR DELETE ON alert_notes
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

      -- PROPOSED (waits for a second officer), CLOSED (closed directly), APPROVED, REJECTED
      CREATE TABLE alert_dispositions (
        id bigserial PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES alerts (id),
        action text NOT NULL CHECK (action IN ('PROPOSED', 'CLOSED', 'APPROVED', 'REJECTED')),
        disposition text NOT NULL CHECK (disposition IN ('TRUE_MATCH', 'FALSE_POSITIVE', 'SUSPICIOUS', 'NOT_SUSPICIOUS')),
        rationale text,
        officer_id text NOT NULL,
        officer text NOT NULL,
        request_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX alert_dispositions_alert ON alert_dispositions (alert_id, id);
      CREATE TRIGGER alert_dispositions_append_only BEFORE UPDATE OR DELETE ON alert_dispositions
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE monitoring_runs (
        id bigserial PRIMARY KEY,
        rule_id text NOT NULL,
        window_key text NOT NULL,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz,
        findings integer NOT NULL DEFAULT 0,
        alerts_raised integer NOT NULL DEFAULT 0,
        UNIQUE (rule_id, window_key)
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE monitoring_runs; DROP TABLE alert_dispositions; DROP TABLE alert_notes;
      ALTER TABLE alerts DROP COLUMN priority_rank, DROP COLUMN sla_breached_at, DROP COLUMN disposition,
        DROP COLUMN disposed_by_id, DROP COLUMN disposed_by, DROP COLUMN disposed_at;
    `);
  }
}
