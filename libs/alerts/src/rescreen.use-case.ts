import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '@app/common';
import { AuditLog } from '@app/persistence';
import { buildSanctionsIndex, type ListEntry, type Match, type ScreeningQuery, type Thresholds } from '@app/screening';
import { raiseAlert } from './alert-writer.js';

/** Job contract: rescreen the parties seen recently against one snapshot's delta. The payload is an id. */
export const RESCREEN_JOB = 'lists.rescreen';

export interface RescreenPayload {
  snapshotId: string;
}

export function rescreenJobId(snapshotId: string): string {
  return `rescreen-${snapshotId}`;
}

export interface RescreenProgress {
  snapshotId: string;
  list: string;
  status: 'RUNNING' | 'COMPLETED' | 'FAILED';
  phase: 'payers' | 'merchants' | 'done';
  deltaEntries: number;
  partiesScreened: number;
  hits: number;
  alertsRaised: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

interface PartyToScreen {
  partyKey: string;
  role: 'payer' | 'merchant' | 'legalRepresentative';
  payerKey: string | null;
  merchantId: string | null;
  query: ScreeningQuery;
}

/** One page of parties; `fetched` counts payers or merchants (a merchant brings its legal representative too). */
interface PartyPage {
  parties: PartyToScreen[];
  nextCursor: string;
  fetched: number;
}

const PROGRESS_COLUMNS = `snapshot_id AS "snapshotId", list, status, phase, delta_entries AS "deltaEntries", parties_screened AS "partiesScreened",
  hits, alerts_raised AS "alertsRaised", started_at AS "startedAt", updated_at AS "updatedAt", finished_at AS "finishedAt"`;

/**
 * When a list snapshot adds or changes entries, every party seen in the last 90 days (payers, then merchants and
 * their legal representatives) is screened against just those entries; new hits raise alerts. Work goes in
 * pages, each committed with the cursor, so a crashed run resumes where it stopped; alert dedup keys make a
 * repeated page harmless. False-positive suppressions for (party, entry, entry version) apply.
 */
export class RescreenUseCase {
  private readonly audit: AuditLog;

  constructor(
    private readonly dataSource: DataSource,
    private readonly thresholds: () => Thresholds,
    private readonly options: { pageSize?: number; lookBackDays?: number } = {},
  ) {
    this.audit = new AuditLog(dataSource);
  }

  async progress(snapshotId?: string): Promise<RescreenProgress[]> {
    return this.dataSource.query(
      `SELECT ${PROGRESS_COLUMNS} FROM rescreen_runs ${snapshotId ? 'WHERE snapshot_id = $1' : ''} ORDER BY started_at DESC LIMIT 50`,
      snapshotId ? [snapshotId] : [],
    );
  }

  async run(snapshotId: string, onPage: (progress: RescreenProgress) => Promise<void> = async () => undefined, now: Date = new Date()): Promise<RescreenProgress> {
    const snapshots: Array<{ list: string; delta: { added?: string[]; changed?: string[] } }> = await this.dataSource.query(
      'SELECT list, delta FROM list_snapshots WHERE id = $1',
      [snapshotId],
    );
    const snapshot = snapshots[0];
    if (!snapshot) throw new NotFoundError(`No list snapshot ${snapshotId}`);
    const sourceIds = [...(snapshot.delta.added ?? []), ...(snapshot.delta.changed ?? [])];
    const since = new Date(now.getTime() - (this.options.lookBackDays ?? 90) * 86_400_000);
    await this.dataSource.query(
      `INSERT INTO rescreen_runs (snapshot_id, list, status, delta_entries, since) VALUES ($1, $2, 'RUNNING', $3, $4)
       ON CONFLICT (snapshot_id) DO UPDATE SET status = CASE WHEN rescreen_runs.status = 'FAILED' THEN 'RUNNING' ELSE rescreen_runs.status END, error = NULL`,
      [snapshotId, snapshot.list, sourceIds.length, since.toISOString()],
    );
    let progress = await this.current(snapshotId);
    if (progress.status === 'COMPLETED') return progress;

    const stored: Array<{ fingerprint: string; entry: ListEntry }> = sourceIds.length
      ? await this.dataSource.query('SELECT fingerprint, entry FROM list_entries WHERE snapshot_id = $1 AND source_id = ANY($2::text[])', [snapshotId, sourceIds])
      : [];
    const fingerprints = new Map(stored.map((row) => [row.entry, row.fingerprint]));
    const index = buildSanctionsIndex(stored.map((row) => row.entry));
    const suppressionRows = await this.dataSource.query<Array<{ key: string }>>(
      "SELECT party_key || '|' || list || '|' || source_id || '|' || entry_fingerprint AS key FROM screening_suppressions WHERE list = $1",
      [snapshot.list],
    );
    const suppressed = new Set(suppressionRows.map((row) => row.key));
    const pageSize = this.options.pageSize ?? 200;

    try {
      while (progress.phase !== 'done') {
        const runs: Array<{ cursor: string; since: Date }> = await this.dataSource.query('SELECT cursor, since FROM rescreen_runs WHERE snapshot_id = $1', [snapshotId]);
        const { cursor, since: runSince } = runs[0];
        const page = progress.phase === 'payers' ? await this.payers(cursor, runSince, pageSize) : await this.merchants(cursor, runSince, pageSize);
        await this.dataSource.transaction(async (manager) => {
          let hits = 0;
          let created = 0;
          for (const party of page.parties) {
            const matches = stored.length ? index.search(party.query, this.thresholds()) : [];
            for (const match of matches) {
              const fingerprint = fingerprints.get(match.entry) ?? '';
              if (match.band === 'NONE' || suppressed.has(`${party.partyKey}|${match.entry.list}|${match.entry.sourceId}|${fingerprint}`)) continue;
              hits += 1;
              if ((await this.alert(manager, snapshotId, party, match, fingerprint)).created) created += 1;
            }
          }
          const nextPhase = page.fetched < pageSize ? (progress.phase === 'payers' ? 'merchants' : 'done') : progress.phase;
          await manager.query(
            `UPDATE rescreen_runs SET cursor = $2, phase = $3, parties_screened = parties_screened + $4, hits = hits + $5, alerts_raised = alerts_raised + $6,
               updated_at = now(), status = CASE WHEN $3 = 'done' THEN 'COMPLETED' ELSE status END, finished_at = CASE WHEN $3 = 'done' THEN now() END
             WHERE snapshot_id = $1`,
            [snapshotId, nextPhase === progress.phase ? page.nextCursor : '', nextPhase, page.parties.length, hits, created],
          );
          if (nextPhase === 'done') {
            await manager.query("UPDATE outbox SET processed_at = now() WHERE topic = 'list.rescreen' AND ref = $1 AND processed_at IS NULL", [snapshotId]);
          }
        });
        progress = await this.current(snapshotId);
        await onPage(progress);
      }
      return progress;
    } catch (error) {
      await this.dataSource.query("UPDATE rescreen_runs SET status = 'FAILED', error = $2, updated_at = now() WHERE snapshot_id = $1", [
        snapshotId,
        error instanceof Error ? error.message : String(error),
      ]);
      throw error;
    }
  }

  private async current(snapshotId: string): Promise<RescreenProgress> {
    const rows: RescreenProgress[] = await this.dataSource.query(`SELECT ${PROGRESS_COLUMNS} FROM rescreen_runs WHERE snapshot_id = $1`, [snapshotId]);
    return rows[0];
  }

  private async payers(cursor: string, since: Date, limit: number): Promise<PartyPage> {
    const rows: Array<{ payer_key: string; payer: { name: string; nameOriginalScript?: string; dateOfBirth?: string; nationality?: string; idDocument?: { type: string; number: string; country?: string } } }> =
      await this.dataSource.query(
        `SELECT DISTINCT ON (payer_key) payer_key, payer FROM payments WHERE occurred_at > $1 AND payer_key > $2 ORDER BY payer_key, occurred_at DESC LIMIT $3`,
        [since.toISOString(), cursor, limit],
      );
    return {
      nextCursor: rows.at(-1)?.payer_key ?? cursor,
      fetched: rows.length,
      parties: rows.map((row) => ({
        partyKey: `payer:${row.payer_key}`,
        role: 'payer',
        payerKey: row.payer_key,
        merchantId: null,
        query: {
          name: row.payer.name,
          originalScriptName: row.payer.nameOriginalScript,
          type: 'person',
          dateOfBirth: row.payer.dateOfBirth,
          nationalities: row.payer.nationality ? [row.payer.nationality] : undefined,
          identifiers: row.payer.idDocument ? [row.payer.idDocument] : undefined,
        },
      })),
    };
  }

  private async merchants(cursor: string, since: Date, limit: number): Promise<PartyPage> {
    const rows: Array<{ merchant_id: string; merchant: { name: string; legalRepresentative?: string } }> = await this.dataSource.query(
      `SELECT DISTINCT ON (merchant_id) merchant_id, merchant FROM payments WHERE occurred_at > $1 AND merchant_id > $2 ORDER BY merchant_id, occurred_at DESC LIMIT $3`,
      [since.toISOString(), cursor, limit],
    );
    const parties: PartyToScreen[] = [];
    for (const row of rows) {
      parties.push({ partyKey: `merchant:${row.merchant_id}`, role: 'merchant', payerKey: null, merchantId: row.merchant_id, query: { name: row.merchant.name, type: 'organisation' } });
      if (row.merchant.legalRepresentative) {
        parties.push({
          partyKey: `merchant:${row.merchant_id}:legal-representative`,
          role: 'legalRepresentative',
          payerKey: null,
          merchantId: row.merchant_id,
          query: { name: row.merchant.legalRepresentative, type: 'person' },
        });
      }
    }
    return { nextCursor: rows.at(-1)?.merchant_id ?? cursor, parties, fetched: rows.length };
  }

  private alert(manager: EntityManager, snapshotId: string, party: PartyToScreen, match: Match, fingerprint: string) {
    return raiseAlert(
      manager,
      {
        dedupKey: `${party.partyKey}|RESCREEN|${match.entry.list}:${match.entry.sourceId}:${fingerprint.slice(0, 16)}`,
        type: 'SANCTIONS',
        priority: match.band === 'STRONG' ? 'CRITICAL' : 'HIGH',
        ruleId: match.band === 'STRONG' ? 'R01' : 'R02',
        partyKey: party.payerKey,
        merchantId: party.merchantId,
        riskScore: Math.round(match.score * 100),
        evidence: {
          snapshotId,
          party: party.role,
          list: match.entry.list,
          sourceId: match.entry.sourceId,
          matchedName: match.matchedName,
          score: match.score,
          band: match.band,
          entryVersion: fingerprint,
          explanation: match.explanation,
        },
        source: 'rescreen',
        ref: `${snapshotId}:${party.partyKey}`,
      },
      this.audit,
    );
  }
}

