import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard counts decisions per minute over the last hour (GET /v1/decisions/stats) every 30 seconds per
 * officer; without an index on the decision time that is a scan of every decision ever made.
 */
export class IndexDecisionsByDecidedAt1764100000050 implements MigrationInterface {
  name = 'IndexDecisionsByDecidedAt1764100000050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX decisions_decided_at ON decisions (decided_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX decisions_decided_at');
  }
}
