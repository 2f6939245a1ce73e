import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Version 1 of the monitoring rule parameters: the defaults of DOMAIN.md (amounts in CNY fen). */
const DEFAULTS = {
  R08: { minDistinctPayers: 20, p95Factor: 5, historyDays: 30 },
  R11: { minPayments: 3, roundUnitFen: 100_000, minNineStyleYuan: 999 },
  R12: {
    fromHour: 0,
    toHour: 5,
    minAmountFen: 200_000,
    everydayMccs: ['4111', '4121', '4131', '5411', '5422', '5441', '5451', '5462', '5499', '5541', '5542', '5812', '5813', '5814', '5912', '7011', '7523'],
  },
  R17: {
    minPayments: 5,
    minTotalFen: 1_000_000,
    ratio: 5,
    minPeers: 5,
    peerDays: 30,
    defaultNormsFen: { '5812': 15_000, '5813': 20_000, '5814': 5_000, '5411': 20_000, '5499': 8_000, '5912': 15_000, '4111': 2_000, '4121': 6_000, '7011': 80_000 },
  },
  R19: { dormantDays: 90, surgeFactor: 10, lookBackDays: 365 },
  R20: { minInflowFen: 1_000_000, minReversedShare: 0.8, minReversedPayments: 3 },
};

export class BackfillMonitoringParameters1764100000034 implements MigrationInterface {
  name = 'BackfillMonitoringParameters1764100000034';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "INSERT INTO monitoring_parameters (version, definition, created_by, note) VALUES (1, $1, 'migration', 'DOMAIN.md defaults') ON CONFLICT DO NOTHING",
      [JSON.stringify(DEFAULTS)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM monitoring_parameters WHERE version = 1');
  }
}
