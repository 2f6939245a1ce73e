import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments held for review (a REVIEW decision) and the webhooks that tell the gateway how a hold ended.
 * hold_settings holds the time box (one row, default 30 minutes): a hold not resolved by then declines by default.
 * webhook_deliveries is the append-only log of every delivery attempt.
 */
export class CreatePaymentHolds1764100000040 implements MigrationInterface {
  name = 'CreatePaymentHolds1764100000040';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hold_settings (
        id integer PRIMARY KEY CHECK (id = 1),
        time_box interval NOT NULL CHECK (time_box > interval '0'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL
      );
      INSERT INTO hold_settings (id, time_box, updated_by) VALUES (1, interval '30 minutes', 'migration');

      CREATE TABLE payment_holds (
        transaction_id text PRIMARY KEY REFERENCES payments (transaction_id),
        held_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'HELD' CHECK (status IN ('HELD', 'RESOLVED_APPROVE', 'RESOLVED_DECLINE', 'EXPIRED_DECLINE')),
        resolved_by text,
        rationale text,
        resolved_at timestamptz,
        CHECK ((status = 'HELD') = (resolved_at IS NULL))
      );
      CREATE INDEX payment_holds_due ON payment_holds (expires_at) WHERE status = 'HELD';
      CREATE INDEX payment_holds_status ON payment_holds (status, held_at);

      CREATE TABLE webhook_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        transaction_id text NOT NULL REFERENCES payments (transaction_id),
        event text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'NOT_CONFIGURED')),
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (transaction_id, event)
      );
      CREATE INDEX webhook_events_pending ON webhook_events (created_at) WHERE status = 'PENDING';

      CREATE TABLE webhook_deliveries (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES webhook_events (id),
        attempt integer NOT NULL,
        url text NOT NULL,
        status_code integer,
        error text,
        duration_ms integer NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id, attempt);
      CREATE TRIGGER webhook_deliveries_append_only BEFORE UPDATE OR DELETE ON webhook_deliveries
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_deliveries; DROP TABLE webhook_events; DROP TABLE payment_holds; DROP TABLE hold_settings;');
  }
}
