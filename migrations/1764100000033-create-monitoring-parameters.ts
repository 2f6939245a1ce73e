import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Parameters of the monitoring rules that need history (R08, R11, R12, R17, R19, R20) are configuration, not
 * code: versioned rows, the newest in force, each window's run recording the version it applied.
 */
export class CreateMonitoringParameters1764100000033 implements MigrationInterface {
  name = 'CreateMonitoringParameters1764100000033';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE monitoring_parameters (
        version integer PRIMARY KEY,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        note text
      );
      ALTER TABLE monitoring_runs ADD COLUMN parameters_version integer REFERENCES monitoring_parameters (version);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE monitoring_runs DROP COLUMN parameters_version; DROP TABLE monitoring_parameters;');
  }
}
