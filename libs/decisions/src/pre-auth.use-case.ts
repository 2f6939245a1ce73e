import type { DataSource } from 'typeorm';
import {
  actorLabel,
  canonicalJson,
  convertToUsdCents,
  convertFromUsdCents,
  decimalToCents,
  DomainError,
  sha256Hex,
  ValidationError,
  type Actor,
} from '@app/common';
import { evaluatePayment, type RuleConfigurationStore, type PaymentFacts, type RuleEvaluation, type ScreeningSignal } from '@app/rules';
import type { IndexGeneration, ScreeningIndex, ScreenedMatch, ScreeningQuery, Thresholds } from '@app/screening';
import { type DecisionWriter, type DecisionRecord } from './decision-writer.js';
import { PartyStateLoader, PartyStateRepository, type PartyState, type PartyStateQuery } from './party-state.repository.js';
import type { RedisVelocityStore } from './velocity-store.js';
import type { PreAuthRequestDto } from './pre-auth.dto.js';

export type PartyRole = 'payer' | 'merchant' | 'legalRepresentative';

export interface ScreeningHit {
  party: PartyRole;
  list: string;
  sourceId: string;
  primaryName: string;
  matchedName: string;
  score: number;
  band: 'REVIEW' | 'STRONG';
  entryVersion: string;
  explanation: unknown;
}

export interface PreAuthResponse {
  transactionId: string;
  decision: RuleEvaluation['outcome'];
  riskScore: number;
  reasons: Array<{ code: string; ruleId: string; message: string }>;
  screening: { listSnapshots: string[]; hits: ScreeningHit[] };
  alertRaised: boolean;
  ruleSetVersion: number;
  decidedAt: string;
}

export interface PreAuthObserver {
  decided(outcome: string, seconds: number): void;
  followUp(transactionId: string): Promise<void>;
}

export const FOLLOW_UP_TOPIC = 'decision.follow-up';
const MAX_ATTEMPTS = 5;

export function payerKeyOf(request: Pick<PreAuthRequestDto, 'payer'>): string {
  return `${request.payer.walletProvider}:${request.payer.walletAccountId}`;
}

/**
 * The pre-authorisation check. The decision is a pure function of (payment, party state, list snapshot, rule
 * set); this use case gathers those, evaluates, and persists decision and limit reservations atomically before
 * answering. If a concurrent payment of the same payer took the remaining limit first, the conditional update
 * fails and the payment is decided again with fresh state.
 */
export class PreAuthUseCase {
  private readonly partyState: PartyStateLoader;

  constructor(
    dataSource: DataSource,
    private readonly configuration: RuleConfigurationStore,
    private readonly screening: ScreeningIndex,
    private readonly writer: DecisionWriter,
    private readonly observer: PreAuthObserver,
    private readonly velocity: RedisVelocityStore | null = null,
    options: { batchWindowMs: number; maxBatch: number; maxInFlight?: number; preparedStatements?: boolean } = { batchWindowMs: 0, maxBatch: 64 },
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.partyState = new PartyStateLoader(new PartyStateRepository(dataSource, { prepared: options.preparedStatements }), {
      windowMs: options.batchWindowMs,
      maxBatch: options.maxBatch,
      maxInFlight: options.maxInFlight,
    });
  }

  async execute(request: PreAuthRequestDto, actor: Actor): Promise<PreAuthResponse> {
    const started = performance.now();
    const generation = this.screening.current;
    if (!generation) throw new DomainError('SERVICE_UNAVAILABLE', 'The sanctions index is not loaded yet; retry shortly');
    const { ruleSet, fx } = this.configuration.current;
    const requestHash = sha256Hex(canonicalJson(request));
    const occurredAt = new Date(request.occurredAt);
    const now = this.clock();
    if (occurredAt.getTime() > now.getTime() + 5 * 60_000) {
      throw new ValidationError('occurredAt is in the future', [{ path: 'occurredAt', message: 'occurredAt must not be more than 5 minutes ahead of the server clock' }]);
    }
    const facts = this.facts(request, occurredAt, fx);
    const { hits, signals } = this.screen(generation, request, ruleSet.definition.screening);

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const state = await this.loadState({
        transactionId: request.transactionId,
        payerKey: facts.payerKey,
        merchantId: facts.merchantId,
        occurredAt,
        merchantWindowMinutes: ruleSet.definition.rules.R18.windowMinutes,
      });
      if (state.existing) return this.replayExisting(request.transactionId, requestHash, state.existing);

      const evaluation = evaluatePayment({ payment: facts, history: state.history, ruleSet, screening: signals });
      const decidedAt = this.clock().toISOString();
      const response: PreAuthResponse = {
        transactionId: request.transactionId,
        decision: evaluation.outcome,
        riskScore: evaluation.riskScore,
        reasons: evaluation.reasons.map((reason) => ({ code: reason.code, ruleId: reason.ruleId, message: reason.message })),
        screening: { listSnapshots: generation.snapshotLabels, hits },
        alertRaised: evaluation.alerts.length > 0,
        ruleSetVersion: ruleSet.version,
        decidedAt,
      };
      const responseText = JSON.stringify(response);
      const needsFollowUp = evaluation.alerts.length > 0 || evaluation.outcome !== 'APPROVE' || evaluation.draftStr;
      const record: DecisionRecord = {
        transactionId: request.transactionId,
        requestHash,
        occurredAt: occurredAt.toISOString(),
        payerKey: facts.payerKey,
        walletProvider: request.payer.walletProvider,
        walletAccountId: request.payer.walletAccountId,
        merchantId: request.merchant.id,
        amountValue: request.amount.value,
        amountCurrency: request.amount.currency,
        payerAmountValue: request.payerAmount?.value ?? null,
        payerAmountCurrency: request.payerAmount?.currency ?? null,
        amountUsdCents: facts.amountUsdCents,
        amountCnyFen: facts.amountCnyFen,
        qrType: request.qrType,
        payer: request.payer,
        merchant: request.merchant,
        decision: {
          outcome: evaluation.outcome,
          riskScore: evaluation.riskScore,
          tier: evaluation.tier,
          reasons: evaluation.reasons,
          actions: { alerts: evaluation.alerts, block: evaluation.block, draftStr: evaluation.draftStr },
          screening: { hits, signals },
          alertRaised: response.alertRaised,
          ruleSetVersion: ruleSet.version,
          fxVersion: fx.version,
          listSnapshotIds: generation.snapshotIds,
          inputs: { facts, history: state.history, signals },
          response: responseText,
          // objects built in a fixed order by this code: plain JSON is a stable text here (the request hash needs canonical JSON)
          contentHash: sha256Hex(JSON.stringify({ facts, history: state.history, signals, evaluation, ruleSetVersion: ruleSet.version, fxVersion: fx.version })),
          decidedAt,
          actor: actorLabel(actor),
        },
        reservations: evaluation.reservations.map((reservation) => ({
          period: reservation.period,
          periodKey: reservation.periodKey,
          amount: reservation.amount,
          cap: reservation.cap,
        })),
        block: evaluation.block
          ? { ruleId: evaluation.block.ruleId, reason: evaluation.block.reason, until: evaluation.block.until?.toISOString() ?? null }
          : null,
        outboxTopics: needsFollowUp ? [FOLLOW_UP_TOPIC] : [],
      };
      const result = await this.writer.record(record);
      if (result.status === 'RECORDED') {
        await this.velocity
          ?.record([{ transactionId: request.transactionId, payerKey: facts.payerKey, merchantId: facts.merchantId, occurredAt, amountUsdCents: facts.amountUsdCents, decision: evaluation.outcome }])
          .catch(() => undefined);
        this.observer.decided(evaluation.outcome, (performance.now() - started) / 1000);
        if (needsFollowUp) await this.observer.followUp(request.transactionId).catch(() => undefined);
        return response;
      }
      if (result.status === 'DUPLICATE') return this.replayExisting(request.transactionId, requestHash, result);
      // LIMIT_EXCEEDED: a concurrent payment of this payer reserved first; decide again on fresh state
    }
    throw new DomainError('SERVICE_UNAVAILABLE', 'The payer\'s limits are under heavy contention; retry the request');
  }

  /** Party state from PostgreSQL; velocity windows from Redis when present (PostgreSQL again if Redis fails). */
  private async loadState(input: PartyStateQuery): Promise<PartyState> {
    if (!this.velocity) return this.partyState.load(input);
    const [state, windows] = await Promise.all([
      this.partyState.load({ ...input, includeVelocity: false }),
      this.velocity.load(input).catch(() => null),
    ]);
    if (!windows) return this.partyState.load(input);
    return { ...state, history: { ...state.history, recent: windows.recent, merchantRecentDeclinedPayers: windows.merchantDeclinedPayers } };
  }

  private replayExisting(transactionId: string, requestHash: string, existing: { requestHash: string; response: string }): PreAuthResponse {
    if (existing.requestHash !== requestHash) {
      throw new DomainError('IDEMPOTENCY_CONFLICT', `Transaction ${transactionId} was already decided with a different request body`);
    }
    return JSON.parse(existing.response) as PreAuthResponse;
  }

  private facts(request: PreAuthRequestDto, occurredAt: Date, fx: { version: number; unitsPerUsd: Record<string, string> }): PaymentFacts {
    const problems = [];
    if (fx.unitsPerUsd[request.amount.currency] === undefined) {
      problems.push({ path: 'amount.currency', message: `no FX rate for ${request.amount.currency} in FX table version ${fx.version}` });
    }
    if (decimalToCents(request.amount.value) <= 0) problems.push({ path: 'amount.value', message: 'amount.value must be greater than zero' });
    if (problems.length) throw new ValidationError('Invalid amount', problems);
    const amountUsdCents = convertToUsdCents(request.amount.value, request.amount.currency, fx);
    const amountCnyFen =
      request.amount.currency === 'CNY' ? decimalToCents(request.amount.value) : convertFromUsdCents(amountUsdCents, 'CNY', fx);
    return {
      transactionId: request.transactionId,
      occurredAt,
      amountUsdCents,
      amountCnyFen,
      qrType: request.qrType,
      payerKey: payerKeyOf(request),
      kycLevel: request.payer.kycLevel,
      walletProvider: request.payer.walletProvider,
      payerNationality: request.payer.nationality,
      payerResidenceCountry: request.payer.residenceCountry,
      ipCountry: request.payer.ipCountry,
      merchantId: request.merchant.id,
      merchantMcc: request.merchant.mcc,
      merchantCity: request.merchant.city,
      merchantCountry: request.merchant.country,
    };
  }

  private screen(
    generation: IndexGeneration,
    request: PreAuthRequestDto,
    thresholds: Thresholds,
  ): { hits: ScreeningHit[]; signals: ScreeningSignal[] } {
    const parties: Array<{ role: PartyRole; key: string; query: ScreeningQuery }> = [
      {
        role: 'payer',
        key: `payer:${payerKeyOf(request)}`,
        query: {
          name: request.payer.name,
          originalScriptName: request.payer.nameOriginalScript,
          type: 'person',
          dateOfBirth: request.payer.dateOfBirth,
          nationalities: request.payer.nationality ? [request.payer.nationality] : undefined,
          identifiers: request.payer.idDocument
            ? [{ type: request.payer.idDocument.type, number: request.payer.idDocument.number, country: request.payer.idDocument.country }]
            : undefined,
        },
      },
      { role: 'merchant', key: `merchant:${request.merchant.id}`, query: { name: request.merchant.name, type: 'organisation' } },
    ];
    if (request.merchant.legalRepresentative) {
      parties.push({
        role: 'legalRepresentative',
        key: `merchant:${request.merchant.id}:legal-representative`,
        query: { name: request.merchant.legalRepresentative, type: 'person' },
      });
    }
    const hits: ScreeningHit[] = [];
    for (const party of parties) {
      const matches: ScreenedMatch[] = this.screening.search(generation, party.query, thresholds, { partyKey: party.key, limit: 5 });
      for (const match of matches) {
        if (match.band === 'NONE') continue;
        hits.push({
          party: party.role,
          list: match.entry.list,
          sourceId: match.entry.sourceId,
          primaryName: match.entry.names.find((name) => name.strength === 'primary')?.full ?? match.entry.names[0]?.full ?? '',
          matchedName: match.matchedName,
          score: match.score,
          band: match.band,
          entryVersion: match.fingerprint,
          explanation: match.explanation,
        });
      }
    }
    const signals: ScreeningSignal[] = hits.map((hit) => ({
      party: hit.party,
      band: hit.band,
      score: hit.score,
      list: hit.list,
      sourceId: hit.sourceId,
      matchedName: hit.matchedName,
    }));
    return { hits, signals };
  }
}
