import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alert page shows a merchant's open alerts (GET /v1/merchants/{merchantId}); without an index on the
 * merchant that count scans every unresolved alert (100,000 open alerts in bench:alerts).
 */
export class IndexOpenAlertsByMerchant1764100000060 implements MigrationInterface {
  name = 'IndexOpenAlertsByMerchant1764100000060';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX alerts_open_by_merchant ON alerts (merchant_id) WHERE status <> 'CLOSED' AND merchant_id IS NOT NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX alerts_open_by_merchant');
  }
}
