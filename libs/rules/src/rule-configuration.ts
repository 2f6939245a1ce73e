import type { DataSource } from 'typeorm';
import { DomainError, type FxTable } from '@app/common';
import type { RuleSet, RuleSetDefinition } from './domain/rule-set.js';

export interface RuleConfiguration {
  ruleSet: RuleSet;
  fx: FxTable;
}

/**
 * The rule set and FX table in force: the highest version of each. Cached per process and re-read on a short
 * poll, so a new version reaches every replica within seconds; each decision records the versions it used.
 */
export class RuleConfigurationStore {
  private cached: RuleConfiguration | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly dataSource: DataSource) {}

  get current(): RuleConfiguration {
    if (!this.cached) throw new DomainError('SERVICE_UNAVAILABLE', 'Rule configuration is not loaded yet');
    return this.cached;
  }

  async refresh(): Promise<RuleConfiguration> {
    const [ruleRows, fxRows] = await Promise.all([
      this.dataSource.query<Array<{ version: number; definition: RuleSetDefinition }>>(
        'SELECT version, definition FROM rule_sets ORDER BY version DESC LIMIT 1',
      ),
      this.dataSource.query<Array<{ version: number; units_per_usd: Record<string, string> }>>(
        'SELECT version, units_per_usd FROM fx_tables ORDER BY version DESC LIMIT 1',
      ),
    ]);
    if (!ruleRows[0] || !fxRows[0]) throw new DomainError('CONFIGURATION_INVALID', 'No rule set or FX table in the database');
    this.cached = {
      ruleSet: { version: ruleRows[0].version, definition: ruleRows[0].definition },
      fx: { version: fxRows[0].version, unitsPerUsd: fxRows[0].units_per_usd },
    };
    return this.cached;
  }

  start(pollMs = 5_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.refresh().catch(() => undefined);
    }, pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
