import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Roles } from '@app/access';
import { RescreenUseCase, type RescreenProgress } from '@app/alerts';
import { ListSnapshotRepository, ScreeningIndex } from '@app/screening';

@ApiTags('lists')
@Controller('v1/lists')
export class ListsController {
  constructor(
    private readonly snapshots: ListSnapshotRepository,
    private readonly index: ScreeningIndex,
    private readonly rescreen: RescreenUseCase,
  ) {}

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
  async list(): Promise<{ lists: unknown[]; index: { loaded: boolean; entries: number; names: number; builtAt: string | null } }> {
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
