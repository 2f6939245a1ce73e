import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `GET /v1/alerts?type=…` or `?ruleId=…` without a status filter could not use the (type | rule_id, status, …)
 * indexes for its order and scanned the whole queue order instead (tens of ms at 100,000 alerts): these two keep
 * such listings, and their keyset pages, to an index range.
 */
export class IndexAlertsByTypeAndRule1764100000032 implements MigrationInterface {
  name = 'IndexAlertsByTypeAndRule1764100000032';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX alerts_by_type_any_status ON alerts (type, priority_rank, sla_due_at, id);
      CREATE INDEX alerts_by_rule_any_status ON alerts (rule_id, priority_rank, sla_due_at, id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX alerts_by_type_any_status, alerts_by_rule_any_status;');
  }
}
