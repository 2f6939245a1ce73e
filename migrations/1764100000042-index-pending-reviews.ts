import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hold expiry job looks every 30 s for REVIEW payments still pending without a hold (a follow-up job that
 * never ran); this partial index keeps that look-up small however many approved payments await their outcome.
 */
export class IndexPendingReviews1764100000042 implements MigrationInterface {
  name = 'IndexPendingReviews1764100000042';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX payments_pending_reviews ON payments (occurred_at) WHERE decision = 'REVIEW' AND status = 'PENDING'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX payments_pending_reviews');
  }
}
