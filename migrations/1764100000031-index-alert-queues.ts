import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the officers' queues at 100,000+ alerts: every listing is ordered by (priority_rank, sla_due_at,
 * id) and paged by keyset on the same columns, so each filter gets an index that starts with its equality column
 * and continues with that order. The claim (`next`) reads a partial index of unassigned open alerts; the SLA job
 * a partial index of open, not yet breached alerts.
 */
export class IndexAlertQueues1764100000031 implements MigrationInterface {
  name = 'IndexAlertQueues1764100000031';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX alerts_claimable ON alerts (priority_rank, sla_due_at, id) WHERE status = 'OPEN' AND assignee IS NULL;
      CREATE INDEX alerts_order ON alerts (priority_rank, sla_due_at, id);
      CREATE INDEX alerts_by_status ON alerts (status, priority_rank, sla_due_at, id);
      CREATE INDEX alerts_by_type ON alerts (type, status, priority_rank, sla_due_at, id);
      CREATE INDEX alerts_by_rule ON alerts (rule_id, status, priority_rank, sla_due_at, id);
      CREATE INDEX alerts_by_assignee ON alerts (assignee, status, priority_rank, sla_due_at, id) WHERE assignee IS NOT NULL;
      CREATE INDEX alerts_sla_pending ON alerts (sla_due_at) WHERE status <> 'CLOSED' AND sla_breached_at IS NULL;
      CREATE INDEX alert_occurrences_alert ON alert_occurrences (alert_id, at);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX alerts_claimable, alerts_order, alerts_by_status, alerts_by_type, alerts_by_rule, alerts_by_assignee,
        alerts_sla_pending, alert_occurrences_alert;
    `);
  }
}
