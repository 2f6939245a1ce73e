import type { DataSource } from 'typeorm';
import { DomainError, FX_RATE_PATTERN, ValidationError, type Actor, actorLabel } from '@app/common';
import { AuditLog } from '@app/persistence';
import type { RuleSetDefinition } from './domain/rule-set.js';
import { validateRuleSetDefinition } from './domain/validate-rule-set.js';

export interface VersionRow<T> {
  version: number;
  createdAt: string;
  createdBy: string;
  note: string | null;
  definition: T;
}

/**
 * Officers change the rule set and the FX table by adding a version: the highest version is in force on every
 * replica within one poll, each decision records the versions it used, old versions stay for replay.
 */
export class RuleSetVersionsUseCase {
  private readonly audit: AuditLog;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditLog(dataSource);
  }

  async ruleSets(limit = 20): Promise<Array<VersionRow<RuleSetDefinition>>> {
    return this.dataSource.query(
      'SELECT version, created_at AS "createdAt", created_by AS "createdBy", note, definition FROM rule_sets ORDER BY version DESC LIMIT $1',
      [limit],
    );
  }

  async fxTables(limit = 20): Promise<Array<VersionRow<Record<string, string>>>> {
    return this.dataSource.query(
      'SELECT version, created_at AS "createdAt", created_by AS "createdBy", note, units_per_usd AS definition FROM fx_tables ORDER BY version DESC LIMIT $1',
      [limit],
    );
  }

  async addRuleSet(input: unknown, note: string | undefined, actor: Actor, requestId?: string): Promise<{ version: number }> {
    const validated = validateRuleSetDefinition(input);
    if (!validated.ok) {
      throw new ValidationError('The rule set is not valid', validated.errors.map((error) => ({ path: `definition.${error.path}`.replace(/\.$/, ''), message: error.message })));
    }
    return this.addVersion('rule_sets', 'definition', validated.definition, note, actor, requestId, 'rule-set');
  }

  async addFxTable(unitsPerUsd: Record<string, string>, note: string | undefined, actor: Actor, requestId?: string): Promise<{ version: number }> {
    const problems = Object.entries(unitsPerUsd)
      .filter(([currency, rate]) => !/^[A-Z]{3}$/.test(currency) || typeof rate !== 'string' || !FX_RATE_PATTERN.test(rate) || Number(rate) <= 0)
      .map(([currency]) => ({ path: `unitsPerUsd.${currency}`, message: 'must be a positive decimal string (units of the currency per USD) under an ISO 4217 code' }));
    if (unitsPerUsd.USD !== '1') problems.push({ path: 'unitsPerUsd.USD', message: 'USD must be "1"' });
    if (!unitsPerUsd.CNY) problems.push({ path: 'unitsPerUsd.CNY', message: 'CNY is required' });
    if (problems.length) throw new ValidationError('The FX table is not valid', problems);
    return this.addVersion('fx_tables', 'units_per_usd', unitsPerUsd, note, actor, requestId, 'fx-table');
  }

  private async addVersion(table: 'rule_sets' | 'fx_tables', column: string, value: unknown, note: string | undefined, actor: Actor, requestId: string | undefined, entityType: string): Promise<{ version: number }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`version:${table}`]);
      const current: Array<{ version: number; value: unknown }> = await manager.query(`SELECT version, ${column} AS value FROM ${table} ORDER BY version DESC LIMIT 1`);
      const version = (current[0]?.version ?? 0) + 1;
      if (!current[0]) throw new DomainError('CONFIGURATION_INVALID', `${table} has no seeded version`);
      await manager.query(`INSERT INTO ${table} (version, ${column}, created_by, note) VALUES ($1, $2, $3, $4)`, [version, JSON.stringify(value), actorLabel(actor), note ?? null]);
      await this.audit.append({ actor, action: `${entityType}.version.added`, entityType, entityId: String(version), before: { version: current[0].version, value: current[0].value }, after: { version, value, note: note ?? null }, requestId }, manager);
      return { version };
    });
  }
}
