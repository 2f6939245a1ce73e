/**
 * The alert state machine, as pure functions (no database, no clock):
 *
 *   OPEN ──claim / assign──▶ IN_PROGRESS ──disposition──▶ CLOSED                  (no second officer needed)
 *                              ▲    │
 *                              │    └──disposition (SANCTIONS alert, or SUSPICIOUS)──▶ PENDING_APPROVAL
 *                              └──────────── reject (SUPERVISOR ≠ proposer) ◀──────────────┘  │
 *                                                             approve (SUPERVISOR ≠ proposer) ─┴─▶ CLOSED
 *
 * Four eyes: a sanctions alert, and any SUSPICIOUS conclusion (an STR candidate), is closed only when a second
 * officer approves it.
 */
import { DomainError } from '@app/common';

export const ALERT_STATUSES = ['OPEN', 'IN_PROGRESS', 'PENDING_APPROVAL', 'CLOSED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const DISPOSITIONS = ['TRUE_MATCH', 'FALSE_POSITIVE', 'SUSPICIOUS', 'NOT_SUSPICIOUS'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const ALERT_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type AlertPriority = (typeof ALERT_PRIORITIES)[number];

export const ALERT_TYPES = ['SANCTIONS', 'KYC_LIMIT', 'VELOCITY', 'JURISDICTION', 'MCC', 'BLOCK', 'RESCREEN', 'MONITORING'] as const;

export const RATIONALE_MIN_LENGTH = 20;
export const TEXT_MAX_LENGTH = 10_000;

export interface AlertState {
  id: string;
  status: AlertStatus;
  type: string;
  assignee: string | null;
  disposedById: string | null;
}

export interface OfficerRef {
  id: string;
  username: string;
}

/** Whether a disposition of this alert waits for a second officer. */
export function needsFourEyes(alertType: string, disposition: Disposition): boolean {
  return alertType === 'SANCTIONS' || disposition === 'SUSPICIOUS';
}

/** The next priority when an SLA is breached (CRITICAL stays CRITICAL). */
export function escalatedPriority(priority: AlertPriority): AlertPriority {
  const index = ALERT_PRIORITIES.indexOf(priority);
  return ALERT_PRIORITIES[Math.min(index + 1, ALERT_PRIORITIES.length - 1)];
}

function conflict(alert: AlertState, what: string): DomainError {
  return new DomainError('CONFLICT', `Alert ${alert.id} is ${alert.status}: ${what}`);
}

/** Assigning (to oneself or to another officer) is possible while nobody has concluded. */
export function checkAssign(alert: AlertState): void {
  if (alert.status !== 'OPEN' && alert.status !== 'IN_PROGRESS') throw conflict(alert, 'only OPEN or IN_PROGRESS alerts can be assigned');
}

/** Only the officer working the alert disposes of it. */
export function checkDisposition(alert: AlertState, officer: OfficerRef): void {
  if (alert.status !== 'IN_PROGRESS') throw conflict(alert, 'claim it (POST /v1/alerts/next) or assign it before a disposition');
  if (alert.assignee !== officer.username) {
    throw new DomainError('FORBIDDEN', `Alert ${alert.id} is assigned to ${alert.assignee ?? 'nobody'}: only its assignee can dispose of it (assign it to yourself first)`);
  }
}

/** Approve or reject: a pending disposition, decided by somebody other than the officer who proposed it. */
export function checkApproval(alert: AlertState, officer: OfficerRef): void {
  if (alert.status !== 'PENDING_APPROVAL') throw conflict(alert, 'only a disposition PENDING_APPROVAL can be approved or rejected');
  if (alert.disposedById === officer.id) {
    throw new DomainError('FORBIDDEN', 'Four eyes: the officer who proposed this disposition cannot approve or reject it; another SUPERVISOR must');
  }
}

/** Party key of a hit in an alert's evidence, as the screening index keys its suppressions. */
export function suppressionPartyKey(party: string, payerKey: string | null, merchantId: string | null): string | null {
  switch (party) {
    case 'payer':
      return payerKey ? `payer:${payerKey}` : null;
    case 'merchant':
      return merchantId ? `merchant:${merchantId}` : null;
    case 'legalRepresentative':
      return merchantId ? `merchant:${merchantId}:legal-representative` : null;
    default:
      return null;
  }
}

export interface SuppressionTarget {
  partyKey: string;
  list: string;
  sourceId: string;
  entryVersion: string;
}

interface EvidenceHit {
  party?: unknown;
  list?: unknown;
  sourceId?: unknown;
  entryVersion?: unknown;
}

/**
 * The parties an alert is about. A pre-auth decision puts all its hits into each of its sanctions alerts, one
 * alert per subject (the payer, or the merchant with its legal representative): an officer's FALSE_POSITIVE on
 * the payer's alert says nothing about a merchant hit, which has an alert of its own.
 */
export function alertSubjectParties(dedupKey: string): string[] {
  return dedupKey.startsWith('merchant:') ? ['merchant', 'legalRepresentative'] : ['payer'];
}

/**
 * The (party, list entry, entry version) triples a FALSE_POSITIVE on a sanctions alert suppresses: the hits of a
 * pre-auth alert's evidence (`hits[]`) on the parties the alert is about, or the single hit of a rescreen alert
 * (`party`, `list`, …).
 */
export function suppressionTargets(evidence: unknown, payerKey: string | null, merchantId: string | null, parties?: readonly string[]): SuppressionTarget[] {
  if (!evidence || typeof evidence !== 'object') return [];
  const record = evidence as { hits?: unknown } & EvidenceHit;
  const hits: EvidenceHit[] = Array.isArray(record.hits) ? (record.hits as EvidenceHit[]) : record.list !== undefined ? [record] : [];
  const targets = new Map<string, SuppressionTarget>();
  for (const hit of hits) {
    if (typeof hit.party !== 'string' || typeof hit.list !== 'string' || typeof hit.sourceId !== 'string' || typeof hit.entryVersion !== 'string') continue;
    if (parties && !parties.includes(hit.party)) continue;
    const partyKey = suppressionPartyKey(hit.party, payerKey, merchantId);
    if (!partyKey) continue;
    const target = { partyKey, list: hit.list, sourceId: hit.sourceId, entryVersion: hit.entryVersion };
    targets.set(`${partyKey}|${hit.list}|${hit.sourceId}|${hit.entryVersion}`, target);
  }
  return [...targets.values()];
}
