import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rescreening after a list snapshot changes: one run per snapshot, resumable from its cursor (payers first,
 * then merchants), with visible progress.
 */
export class CreateRescreenRuns1764100000004 implements MigrationInterface {
  name = 'CreateRescreenRuns1764100000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rescreen_runs (
        snapshot_id uuid PRIMARY KEY REFERENCES list_snapshots (id),
        list text NOT NULL,
        status text NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
        delta_entries integer NOT NULL,
        phase text NOT NULL DEFAULT 'payers' CHECK (phase IN ('payers', 'merchants', 'done')),
        cursor text NOT NULL DEFAULT '',
        parties_screened integer NOT NULL DEFAULT 0,
        hits integer NOT NULL DEFAULT 0,
        alerts_raised integer NOT NULL DEFAULT 0,
        since timestamptz NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        error text
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rescreen_runs');
  }
}
