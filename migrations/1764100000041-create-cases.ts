import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases: alerts and evidence under investigation. The case row carries the current state; what happened to it
 * (alerts added, notes, attachments, status changes, proposals, approvals) is append-only: the database refuses
 * UPDATE and DELETE on those records.
 */
export class CreateCases1764100000041 implements MigrationInterface {
  name = 'CreateCases1764100000041';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'INVESTIGATING', 'PENDING_APPROVAL', 'CLOSED_CONFIRMED', 'CLOSED_REFUTED', 'CLOSED_INCONCLUSIVE')),
        created_by text NOT NULL,
        created_by_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        conclusion text CHECK (conclusion IN ('CONFIRMED_SUSPICIOUS', 'REFUTED', 'INCONCLUSIVE')),
        narrative text,
        proposed_by text,
        proposed_by_id text,
        proposed_at timestamptz,
        approved_by text,
        approved_at timestamptz,
        closed_at timestamptz,
        str_required boolean NOT NULL DEFAULT false,
        str_immediate boolean NOT NULL DEFAULT false
      );
      CREATE INDEX cases_status ON cases (status, updated_at);
      CREATE INDEX cases_str_required ON cases (closed_at) WHERE str_required;

      CREATE TABLE case_alerts (
        case_id uuid NOT NULL REFERENCES cases (id),
        alert_id uuid NOT NULL REFERENCES alerts (id),
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, alert_id)
      );
      CREATE INDEX case_alerts_alert ON case_alerts (alert_id);

      CREATE TABLE case_notes (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        body text NOT NULL,
        author text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_notes_case ON case_notes (case_id, id);

      CREATE TABLE case_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        filename text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL,
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_attachments_case ON case_attachments (case_id, uploaded_at);

      CREATE TABLE case_events (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        action text NOT NULL,
        actor text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX case_events_case ON case_events (case_id, id);

      CREATE TRIGGER case_alerts_append_only BEFORE UPDATE OR DELETE ON case_alerts FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER case_notes_append_only BEFORE UPDATE OR DELETE ON case_notes FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER case_attachments_append_only BEFORE UPDATE OR DELETE ON case_attachments FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE case_events; DROP TABLE case_attachments; DROP TABLE case_notes; DROP TABLE case_alerts; DROP TABLE cases;');
  }
}
