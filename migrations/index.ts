import { CreateCoreSchema1764100000000 } from './1764100000000-create-core-schema.js';
import { CreateRecordDecisionsFunction1764100000001 } from './1764100000001-create-record-decisions-function.js';
import { BackfillDefaultRuleSetAndFx1764100000002 } from './1764100000002-backfill-default-rule-set-and-fx.js';
import { CreateRescreenRuns1764100000004 } from './1764100000004-create-rescreen-runs.js';
import { CreateDecisionChain1764100000005 } from './1764100000005-create-decision-chain.js';
import { CreateOfficers1764100000010 } from './1764100000010-create-officers.js';

/** Every migration, in order. Append only: a committed migration is never edited. */
export const MIGRATIONS = [
  CreateCoreSchema1764100000000,
  CreateRecordDecisionsFunction1764100000001,
  BackfillDefaultRuleSetAndFx1764100000002,
  CreateRescreenRuns1764100000004,
  CreateDecisionChain1764100000005,
  CreateOfficers1764100000010,
];
