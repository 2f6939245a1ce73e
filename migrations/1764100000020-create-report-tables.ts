import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regulatory reports: the PRC working-day calendar, versioned report rules (LTR thresholds), report schedules,
 * reports (one canonical model per report) and every generated output with its hash and size, and retention as
 * configuration. Nothing in the code deletes a report or an output; the database refuses a delete before the
 * configured retention period (10 years, AML Law 2025) has passed, and refuses any change to a stored output.
 */
export class CreateReportTables1764100000020 implements MigrationInterface {
  name = 'CreateReportTables1764100000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE calendar_days (
        day date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('HOLIDAY', 'MAKEUP_WORKDAY')),
        name text NOT NULL,
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL DEFAULT 'migration'
      );

      CREATE TABLE report_rules (
        version integer PRIMARY KEY,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        note text
      );

      CREATE TABLE report_schedules (
        name text PRIMARY KEY,
        type text NOT NULL CHECK (type IN ('LTR', 'STATS', 'OVERDUE_ALERTS', 'CORRECTION')),
        cron text NOT NULL,
        timezone text NOT NULL DEFAULT 'Asia/Shanghai',
        enabled boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL DEFAULT 'migration'
      );

      CREATE TABLE retention_policies (
        record_type text PRIMARY KEY,
        retain_years integer NOT NULL CHECK (retain_years >= 10),
        basis text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL DEFAULT 'migration'
      );

      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('LTR', 'STR', 'STATS', 'OVERDUE_ALERTS', 'CORRECTION')),
        period text NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'APPROVED', 'EXPORTED', 'SUPERSEDED')),
        rule_version integer REFERENCES report_rules (version),
        fx_version integer REFERENCES fx_tables (version),
        revision integer NOT NULL DEFAULT 1,
        corrects_report_id uuid REFERENCES reports (id),
        dedup_key text UNIQUE,
        content jsonb NOT NULL,
        content_sha256 text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        due_on date,
        exported_at timestamptz
      );
      -- exactly one report per period for the scheduled kinds, whatever the number of workers or retries
      CREATE UNIQUE INDEX reports_one_per_period ON reports (type, period) WHERE type IN ('LTR', 'STATS', 'OVERDUE_ALERTS');
      CREATE INDEX reports_listing ON reports (created_at DESC, id);
      CREATE INDEX reports_corrections ON reports (corrects_report_id) WHERE corrects_report_id IS NOT NULL;

      -- the payments a report includes: lets a reversal find the exported reports it affects
      CREATE TABLE report_inputs (
        report_id uuid NOT NULL REFERENCES reports (id),
        transaction_id text NOT NULL,
        PRIMARY KEY (report_id, transaction_id)
      );
      CREATE INDEX report_inputs_transaction ON report_inputs (transaction_id);

      CREATE TABLE report_outputs (
        id bigserial PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES reports (id),
        revision integer NOT NULL,
        period text NOT NULL,
        format text NOT NULL,
        media_type text NOT NULL,
        file_name text NOT NULL,
        sha256 text NOT NULL,
        size_bytes integer NOT NULL,
        content bytea NOT NULL,
        mapping_version text,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        UNIQUE (report_id, revision, format)
      );

      CREATE FUNCTION refuse_delete_within_retention() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_years integer;
      BEGIN
        SELECT retain_years INTO v_years FROM retention_policies WHERE record_type = TG_TABLE_NAME;
        IF v_years IS NULL OR OLD.created_at > now() - make_interval(years => v_years) THEN
          RAISE EXCEPTION '% rows are kept for % years: DELETE refused', TG_TABLE_NAME, coalesce(v_years::text, 'the retention')
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
      END $$;
      CREATE TRIGGER reports_retention BEFORE DELETE ON reports FOR EACH ROW EXECUTE FUNCTION refuse_delete_within_retention();
      CREATE TRIGGER report_outputs_retention BEFORE DELETE ON report_outputs FOR EACH ROW EXECUTE FUNCTION refuse_delete_within_retention();
      CREATE TRIGGER report_outputs_immutable BEFORE UPDATE ON report_outputs FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(): Promise<void> {
    throw new Error('Report records are kept for the retention period: this migration is not reversible');
  }
}
