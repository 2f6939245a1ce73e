import { join } from 'node:path';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { DomainError, SYSTEM_ACTOR } from '@app/common';
import { ImportListUseCase, type ImportListResult } from './import-list.use-case.js';
import { readListSources, readSourceFiles, type ListSource } from './list-sources.js';

/** Job contract: refresh one list from its source in sources.json. The payload names the list, nothing else. */
export const REFRESH_LIST_JOB = 'lists.refresh';

export interface RefreshListPayload {
  list: string;
  format?: string;
}

export function sourceKey(source: Pick<ListSource, 'list' | 'format'>): string {
  return `${source.list}-${source.format}`;
}

export async function refreshList(dataSource: DataSource, sanctionsDataDir: string, payload: RefreshListPayload): Promise<ImportListResult> {
  const sources = await readListSources(join(sanctionsDataDir, 'sources.json'));
  const source = sources.find((candidate) => candidate.list === payload.list && candidate.enabled && (!payload.format || candidate.format === payload.format));
  if (!source) throw new DomainError('LIST_NOT_FOUND', `No enabled source for list ${payload.list} in sources.json`);
  const files = await readSourceFiles(source, join(sanctionsDataDir, '..'));
  return new ImportListUseCase(dataSource).execute({ format: source.format, files, list: source.list, source: source.file ?? source.url ?? source.list, actor: SYSTEM_ACTOR });
}

/** One job scheduler per enabled source with a schedule (cron, Asia/Shanghai). */
export async function scheduleListRefreshes(queue: Queue, sanctionsDataDir: string): Promise<number> {
  const sources = await readListSources(join(sanctionsDataDir, 'sources.json'));
  let scheduled = 0;
  for (const source of sources) {
    if (!source.enabled || !source.schedule) continue;
    const payload: RefreshListPayload = { list: source.list, format: source.format };
    await queue.upsertJobScheduler(`refresh-${sourceKey(source)}`, { pattern: source.schedule, tz: 'Asia/Shanghai' }, { name: REFRESH_LIST_JOB, data: payload });
    scheduled += 1;
  }
  return scheduled;
}
