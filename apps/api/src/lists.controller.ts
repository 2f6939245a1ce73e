import { join } from 'node:path';
import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Roles, type AuthenticatedRequest } from '@app/access';
import { RescreenUseCase, type RescreenProgress } from '@app/alerts';
import {
  ListSnapshotRepository,
  readListSources,
  REFRESH_LIST_JOB,
  ScreeningIndex,
  sourceKey,
  type RefreshListPayload,
} from '@app/screening';
import { APP_CONFIG, DomainError, type AppConfig } from '@app/common';
import { AuditLog } from '@app/persistence';
import { QUEUES } from '@app/queue';
import { RefreshListDto } from './refresh-list.dto.js';

@ApiTags('lists')
@Controller('v1/lists')
export class ListsController {
  constructor(
    private readonly snapshots: ListSnapshotRepository,
    private readonly index: ScreeningIndex,
    private readonly rescreen: RescreenUseCase,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.lists) private readonly lists: Queue,
  ) {}

  @Post('refresh')
  @HttpCode(202)
  @Roles('admin')
  @RequirePermission('lists:import')
  @ApiOperation({
    summary: 'Refresh one list now from its source in sources.json (runs as a job; then rescreening)',
  })
  async refresh(
    @Body() body: RefreshListDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<{ jobId: string; list: string; format: string }> {
    const sources = await readListSources(join(this.config.sanctionsDataDir, 'sources.json'));
    const source = sources.find(
      (candidate) =>
        candidate.list === body.list &&
        candidate.enabled &&
        (!body.format || candidate.format === body.format),
    );
    if (!source)
      throw new DomainError('LIST_NOT_FOUND', `No enabled source for list ${body.list} in sources.json`, [
        { path: 'list', message: 'no enabled source with this list id' },
      ]);
    const payload: RefreshListPayload = { list: source.list, format: source.format };
    const job = await this.lists.add(REFRESH_LIST_JOB, payload, {
      jobId: `manual-${sourceKey(source)}-${Date.now()}`,
    });
    await this.audit.append({
      actor: request.actor!,
      action: 'list.refresh.requested',
      entityType: 'list',
      entityId: source.list,
      after: { format: source.format, jobId: job.id },
      requestId: request.id,
    });
    return { jobId: job.id!, list: source.list, format: source.format };
  }

  @Get('rescreens')
  @Roles('admin')
  @RequirePermission('lists:read')
  @ApiOperation({ summary: 'Progress of the rescreening runs started by list changes, newest first' })
  async rescreens(): Promise<{ runs: RescreenProgress[] }> {
    return { runs: await this.rescreen.progress() };
  }

  @Get()
  @Roles('admin')
  @RequirePermission('lists:read')
  @ApiOperation({ summary: 'The active snapshot of every list' })
  async list(): Promise<{
    lists: unknown[];
    index: { loaded: boolean; entries: number; names: number; builtAt: string | null };
  }> {
    const snapshots = await this.snapshots.activeSnapshots();
    const generation = this.index.current;
    return {
      lists: snapshots.map((snapshot) => ({
        id: snapshot.id,
        list: snapshot.list,
        format: snapshot.format,
        entries: snapshot.entryCount,
        names: snapshot.nameCount,
        contentHash: snapshot.contentHash,
        publishedOn: snapshot.publishedOn,
        source: snapshot.source,
        importedAt: snapshot.importedAt,
        importedBy: snapshot.importedBy,
        delta: snapshot.delta,
        inIndex: generation?.snapshotIds.includes(snapshot.id) ?? false,
      })),
      index: {
        loaded: generation !== null,
        entries: generation?.index.entryCount ?? 0,
        names: generation?.index.nameCount ?? 0,
        builtAt: generation?.builtAt.toISOString() ?? null,
      },
    };
  }
}
