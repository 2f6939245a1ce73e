/**
 * R14 (FATF call for action: KP, IR) and R15 (FATF grey list, MM enhanced due diligence), and the tier they
 * put the payer in.
 *
 * Interpretation:
 * - The payer's nexus is the set of countries in nationality, residence, the wallet provider's home country
 *   (definition.walletCountries) and the IP country. The merchant is in China and is not a nexus.
 * - An unknown KYC level maps to T0 (the most conservative verified-less tier).
 * - R14: any nexus in callForAction → tier TX, DECLINE + entity-level BLOCK (until null: an officer lifts it).
 * - R15: any nexus in greyList → a T1 or T2 payer is capped at T3 (EDD); T0 and TX are already at least as
 *   restrictive and stay. The velocity count thresholds (R03–R09) are multiplied by thresholdFactor, rounded
 *   up, never below 1; amounts (R13) and the card-testing threshold (R18) are not scaled. R15 records an
 *   ALLOW reason so the decision explains the tier; it raises no alert by itself.
 */
import type { PaymentFacts, Reason } from './evaluation.js';
import { type RuleFinding, payerSubject } from './rule-context.js';
import type { KycTier, RuleSetDefinition } from './rule-set.js';

export type NexusKind = 'nationality' | 'residence' | 'wallet' | 'ip';

export interface Nexus {
  kind: NexusKind;
  country: string;
}

export interface TierResolution {
  /** the tier the wallet's KYC level maps to (T0 when unknown) */
  mappedTier: KycTier;
  /** the tier whose limits apply after R14/R15 */
  tier: KycTier;
  callForAction: Nexus[];
  greyList: Nexus[];
  thresholdFactor: number;
}

function normalise(code: string | undefined): string | undefined {
  const trimmed = code?.trim().toUpperCase();
  return trimmed ? trimmed : undefined;
}

function lookup<T>(record: Record<string, T>, key: string): T | undefined {
  if (Object.hasOwn(record, key)) return record[key];
  const upper = key.trim().toUpperCase();
  return Object.hasOwn(record, upper) ? record[upper] : undefined;
}

export function mapKycLevel(definition: RuleSetDefinition, kycLevel: string): KycTier {
  return lookup(definition.kycLevelToTier, kycLevel) ?? 'T0';
}

export function payerNexus(definition: RuleSetDefinition, payment: PaymentFacts): Nexus[] {
  const candidates: [NexusKind, string | undefined][] = [
    ['nationality', payment.payerNationality],
    ['residence', payment.payerResidenceCountry],
    ['wallet', lookup(definition.walletCountries, payment.walletProvider)],
    ['ip', payment.ipCountry],
  ];
  const nexus: Nexus[] = [];
  for (const [kind, code] of candidates) {
    const country = normalise(code);
    if (country) nexus.push({ kind, country });
  }
  return nexus;
}

const CAPPED_BY_GREY_LIST: ReadonlySet<KycTier> = new Set(['T1', 'T2']);

export function resolveTier(definition: RuleSetDefinition, payment: PaymentFacts): TierResolution {
  const mappedTier = mapKycLevel(definition, payment.kycLevel);
  const nexus = payerNexus(definition, payment);
  const { R14, R15 } = definition.rules;
  const callForActionCodes = new Set(definition.jurisdictions.callForAction);
  const greyListCodes = new Set(definition.jurisdictions.greyList);
  const callForAction = R14.enabled ? nexus.filter((n) => callForActionCodes.has(n.country)) : [];
  const greyList = R15.enabled ? nexus.filter((n) => greyListCodes.has(n.country)) : [];
  let tier = mappedTier;
  if (callForAction.length > 0) tier = 'TX';
  else if (greyList.length > 0 && CAPPED_BY_GREY_LIST.has(mappedTier)) tier = 'T3';
  return {
    mappedTier,
    tier,
    callForAction,
    greyList,
    thresholdFactor: greyList.length > 0 ? R15.thresholdFactor : 1,
  };
}

function describeNexus(nexus: Nexus[]): string {
  return nexus.map((n) => `${n.country} (${n.kind})`).join(', ');
}

export function jurisdictionRule(
  payment: PaymentFacts,
  resolution: TierResolution,
  day: string,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  if (resolution.callForAction.length > 0) {
    const reason: Reason = {
      code: 'HIGH_RISK_JURISDICTION',
      ruleId: 'R14',
      action: 'BLOCK',
      message: `Payer has a nexus to a FATF call-for-action jurisdiction: ${describeNexus(resolution.callForAction)}`,
    };
    findings.push({
      reason,
      alert: {
        raise: true,
        priority: 'HIGH',
        type: 'JURISDICTION',
        subject: payerSubject(payment),
        windowKey: day,
      },
      block: { ruleId: 'R14', reason: 'HIGH_RISK_JURISDICTION', until: null },
    });
  }
  if (resolution.greyList.length > 0) {
    const capped =
      resolution.tier !== resolution.mappedTier && resolution.tier === 'T3'
        ? `${resolution.mappedTier} limits capped at T3`
        : `${resolution.tier} limits kept`;
    findings.push({
      reason: {
        code: 'HIGH_RISK_JURISDICTION',
        ruleId: 'R15',
        action: 'ALLOW',
        message:
          `Payer has a nexus to a FATF increased-monitoring or enhanced-due-diligence jurisdiction: ` +
          `${describeNexus(resolution.greyList)}; ${capped}, velocity thresholds scaled by ${resolution.thresholdFactor}`,
      },
      alert: {
        raise: false,
        priority: 'LOW',
        type: 'JURISDICTION',
        subject: payerSubject(payment),
        windowKey: day,
      },
    });
  }
  return findings;
}
