import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Actor } from '@app/common';
import { ImportListUseCase, type ImportListResult } from './import-list.use-case.js';
import { readListSources, readSourceFiles } from './list-sources.js';

/**
 * First start: when no list snapshot exists at all, import the fictional demo lists named in sources.json so a
 * newcomer's first call can hit something. Never runs once any list has been imported.
 */
export async function loadDemoListsIfEmpty(dataSource: DataSource, sanctionsDataDir: string, actor: Actor): Promise<ImportListResult[]> {
  const rows: Array<{ n: string }> = await dataSource.query('SELECT count(*) AS n FROM list_snapshots');
  if (Number(rows[0].n) > 0) return [];
  const sources = (await readListSources(join(sanctionsDataDir, 'sources.json'))).filter((source) => source.demo && source.enabled);
  const importer = new ImportListUseCase(dataSource);
  const results: ImportListResult[] = [];
  for (const source of sources) {
    const files = await readSourceFiles(source, join(sanctionsDataDir, '..'));
    results.push(await importer.execute({ format: source.format, files, list: source.list, source: source.file ?? source.url ?? source.list, actor }));
  }
  return results;
}
