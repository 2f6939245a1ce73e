import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seeds version 1 of the rule set (DOMAIN.md defaults) and of the FX table (units per USD; CNY 7.20).
 * Frozen here on purpose: later defaults arrive as new versions, never by editing this migration.
 */
const RULE_SET_V1 = {
  kycLevelToTier: {
    T0: 'T0',
    T1: 'T1',
    T2: 'T2',
    T3: 'T3',
    TX: 'TX',
    UNVERIFIED: 'T0',
    BASIC: 'T0',
    LITE: 'T0',
    VERIFIED: 'T1',
    STANDARD: 'T1',
    FULL: 'T2',
    ENHANCED: 'T2',
    EDD: 'T3',
    RESTRICTED: 'T3',
    BLOCKED: 'TX',
  },
  tiers: {
    T0: {
      perPayment: 10000,
      daily: 30000,
      monthly: 100000,
      annual: 200000,
    },
    T1: {
      perPayment: 100000,
      daily: 200000,
      monthly: 500000,
      annual: 1000000,
    },
    T2: {
      perPayment: 500000,
      daily: 1000000,
      monthly: 2000000,
      annual: 5000000,
    },
    T3: {
      perPayment: 100000,
      daily: 200000,
      monthly: 500000,
      annual: 1000000,
    },
    TX: {
      perPayment: 0,
      daily: 0,
      monthly: 0,
      annual: 0,
    },
  },
  staticQrDailyCapCnyFen: 50000,
  walletCountries: {
    KAKAOPAY: 'KR',
    NAVERPAY: 'KR',
    TOSSPAY: 'KR',
    TRUEMONEY: 'TH',
    TNG: 'MY',
    BOOST: 'MY',
    GCASH: 'PH',
    MAYA: 'PH',
    ALIPAYHK: 'HK',
    OCTOPUS: 'HK',
    GRABPAY: 'SG',
    MPAY: 'MO',
    PAYPAY: 'JP',
    DANA: 'ID',
    OVO: 'ID',
    MOMO: 'VN',
    EASYPAISA: 'PK',
    BKASH: 'BD',
  },
  jurisdictions: {
    callForAction: ['KP', 'IR'],
    greyList: [
      'DZ',
      'AO',
      'BO',
      'BG',
      'CM',
      'CI',
      'CD',
      'HT',
      'KE',
      'KW',
      'LA',
      'LB',
      'MC',
      'NA',
      'NP',
      'PG',
      'SS',
      'SY',
      'VE',
      'VN',
      'VG',
      'YE',
      'MM',
    ],
  },
  mcc: {
    declined: ['7995', '7800', '7801', '7802'],
    highRisk: ['6051', '4829', '6540', '5993', '7273'],
  },
  rules: {
    R03: {
      enabled: true,
      windowMinutes: 10,
      stepUpAt: 5,
      declineAt: 8,
    },
    R04: {
      enabled: true,
      alertAt: 30,
      reviewAt: 50,
    },
    R05: {
      enabled: true,
      windowMinutes: 30,
      minPayments: 3,
    },
    R06: {
      enabled: true,
      windowDays: 7,
      minPayments: 3,
      fractionOfCap: 0.9,
    },
    R07: {
      enabled: true,
      windowDays: 7,
      dayTotalFromUsdCents: 800000,
      dayTotalToUsdCents: 999999,
      minDays: 2,
    },
    R09: {
      enabled: true,
      perHour: 6,
      perDay: 20,
    },
    R13: {
      enabled: true,
      newForHours: 72,
      singleUsdCents: 100000,
      cumulativeUsdCents: 300000,
    },
    R14: {
      enabled: true,
    },
    R15: {
      enabled: true,
      thresholdFactor: 0.5,
    },
    R16: {
      enabled: true,
    },
    R18: {
      enabled: true,
      windowMinutes: 10,
      payerDeclines: 3,
      blockMinutes: 30,
      merchantDistinctPayers: 10,
    },
  },
  screening: {
    review: 0.8,
    strong: 0.92,
  },
};

const FX_TABLE_V1 = {
  USD: '1',
  CNY: '7.20',
  HKD: '7.80',
  MOP: '8.05',
  KRW: '1380',
  JPY: '150',
  THB: '35.5',
  MYR: '4.45',
  SGD: '1.34',
  PHP: '57.5',
  IDR: '15800',
  VND: '25400',
  EUR: '0.92',
  GBP: '0.79',
  AUD: '1.52',
  MNT: '3450',
  LAK: '21500',
  KZT: '470',
  RUB: '92',
  AED: '3.6725',
};

export class BackfillDefaultRuleSetAndFx1764100000002 implements MigrationInterface {
  name = 'BackfillDefaultRuleSetAndFx1764100000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "INSERT INTO rule_sets (version, definition, created_by, note) VALUES (1, $1, 'migration', 'DOMAIN.md defaults')",
      [JSON.stringify(RULE_SET_V1)],
    );
    await queryRunner.query(
      "INSERT INTO fx_tables (version, units_per_usd, created_by, note) VALUES (1, $1, 'migration', 'indicative defaults; CNY 7.20 per USD')",
      [JSON.stringify(FX_TABLE_V1)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM fx_tables WHERE version = 1');
    await queryRunner.query('DELETE FROM rule_sets WHERE version = 1');
  }
}
