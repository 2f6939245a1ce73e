import { CreateCoreSchema1764100000000 } from './1764100000000-create-core-schema.js';
import { CreateRecordDecisionsFunction1764100000001 } from './1764100000001-create-record-decisions-function.js';
import { BackfillDefaultRuleSetAndFx1764100000002 } from './1764100000002-backfill-default-rule-set-and-fx.js';
import { CreateRescreenRuns1764100000004 } from './1764100000004-create-rescreen-runs.js';
import { CreateDecisionChain1764100000005 } from './1764100000005-create-decision-chain.js';
import { CreateOfficers1764100000010 } from './1764100000010-create-officers.js';
import { CreateReportTables1764100000020 } from './1764100000020-create-report-tables.js';
import { BackfillReportDefaults1764100000021 } from './1764100000021-backfill-report-defaults.js';
import { CreateAlertWorkTables1764100000030 } from './1764100000030-create-alert-work-tables.js';
import { IndexAlertQueues1764100000031 } from './1764100000031-index-alert-queues.js';
import { IndexAlertsByTypeAndRule1764100000032 } from './1764100000032-index-alerts-by-type-and-rule.js';
import { CreateMonitoringParameters1764100000033 } from './1764100000033-create-monitoring-parameters.js';
import { BackfillMonitoringParameters1764100000034 } from './1764100000034-backfill-monitoring-parameters.js';
import { CreatePaymentHolds1764100000040 } from './1764100000040-create-payment-holds.js';
import { CreateCases1764100000041 } from './1764100000041-create-cases.js';
import { IndexPendingReviews1764100000042 } from './1764100000042-index-pending-reviews.js';
import { IndexDecisionsByDecidedAt1764100000050 } from './1764100000050-index-decisions-by-decided-at.js';
import { IndexOpenAlertsByMerchant1764100000060 } from './1764100000060-index-open-alerts-by-merchant.js';

/** Every migration, in order. Append only: a committed migration is never edited. */
export const MIGRATIONS = [
  CreateCoreSchema1764100000000,
  CreateRecordDecisionsFunction1764100000001,
  BackfillDefaultRuleSetAndFx1764100000002,
  CreateRescreenRuns1764100000004,
  CreateDecisionChain1764100000005,
  CreateOfficers1764100000010,
  CreateReportTables1764100000020,
  BackfillReportDefaults1764100000021,
  CreateAlertWorkTables1764100000030,
  IndexAlertQueues1764100000031,
  IndexAlertsByTypeAndRule1764100000032,
  CreateMonitoringParameters1764100000033,
  BackfillMonitoringParameters1764100000034,
  CreatePaymentHolds1764100000040,
  CreateCases1764100000041,
  IndexPendingReviews1764100000042,
  IndexDecisionsByDecidedAt1764100000050,
  IndexOpenAlertsByMerchant1764100000060,
];
