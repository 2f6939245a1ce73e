import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { DataSource } from 'typeorm';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Roles, type AuthenticatedRequest } from '@app/access';
import { RescreenUseCase, type RescreenProgress } from '@app/alerts';
import {
  ImportListUseCase,
  ListFormatError,
  ListSnapshotRepository,
  readListSources,
  REFRESH_LIST_JOB,
  ScreeningIndex,
  sourceKey,
  type RefreshListPayload,
} from '@app/screening';
import { APP_CONFIG, DomainError, NotFoundError, ValidationError, type AppConfig } from '@app/common';
import { AuditLog } from '@app/persistence';
import { QUEUES } from '@app/queue';
import { ImportListDto, LIST_UPLOAD_MAX_BYTES } from './import-list.dto.js';
import { RefreshListDto } from './refresh-list.dto.js';

const LIST_ID = /^[A-Z0-9_]{2,40}$/;
const MANUAL_REFRESH_JOB = /^manual-[A-Za-z0-9_.-]{1,120}$/;

export interface RefreshJobView {
  jobId: string;
  list: string;
  format: string | null;
  /** BullMQ's state: waiting, active, delayed (between attempts), completed, failed … */
  state: string;
  attemptsMade: number;
  attempts: number;
  failedReason: string | null;
  /** the worker's answer once completed: status (ACTIVATED / UNCHANGED), snapshotId, entries, added, removed, changed */
  result: Record<string, unknown> | null;
  requestedAt: string;
  finishedAt: string | null;
}
const IMPORT_ROUTE = '/v1/lists/:list/import';
/** base64 is 4/3 of the file, plus the rest of the JSON body */
const IMPORT_BODY_LIMIT = Math.ceil((LIST_UPLOAD_MAX_BYTES * 4) / 3) + 64 * 1024;

export interface ListSourceView {
  list: string;
  format: string;
  /** where the refresh reads from: a URL, or a file under the sanctions data folder */
  location: string;
  schedule: string | null;
  enabled: boolean;
  demo: boolean;
  note: string | null;
}

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
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HttpAdapterHost) adapterHost: HttpAdapterHost,
  ) {
    // raises the body limit of the upload route alone (never below the server's); the file size is checked below
    const fastify = adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.addHook('onRoute', (route) => {
      if (route.url === IMPORT_ROUTE && route.method === 'POST')
        route.bodyLimit = Math.max(IMPORT_BODY_LIMIT, fastify.initialConfig.bodyLimit ?? 0);
    });
  }

  @Get('sources')
  @Roles('admin')
  @RequirePermission('lists:read')
  @ApiOperation({ summary: 'The list sources of sources.json (what "refresh now" and the schedules read)' })
  async sources(): Promise<{ sources: ListSourceView[] }> {
    const sources = await readListSources(join(this.config.sanctionsDataDir, 'sources.json'));
    return {
      sources: sources.map((source) => ({
        list: source.list,
        format: source.format,
        location: source.url ? withoutSecrets(source.url) : source.file!,
        schedule: source.schedule ?? null,
        enabled: source.enabled,
        demo: source.demo ?? false,
        note: source.note ?? null,
      })),
    };
  }

  @Post(':list/import')
  @Roles('admin')
  @RequirePermission('lists:import')
  @ApiOperation({
    summary: `Import an uploaded list file (base64, at most ${LIST_UPLOAD_MAX_BYTES / 1024 / 1024} MB) as the list's new snapshot; a malformed file is refused and the active snapshot stays`,
  })
  async import(
    @Param('list') list: string,
    @Body() body: ImportListDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<{
    status: 'ACTIVATED' | 'UNCHANGED';
    snapshotId: string;
    list: string;
    contentHash: string;
    entries: number;
    names: number;
    delta: { added: number; removed: number; changed: number };
    warnings: number;
  }> {
    if (!LIST_ID.test(list))
      throw new ValidationError(`Invalid list id ${list}`, [
        { path: 'list', message: 'list must be a list id such as MOFCOM_UEL (A-Z, 0-9, _)' },
      ]);
    const content = inflateUpload(Buffer.from(body.content, 'base64'));
    const fileName = body.fileName ?? `${list}.upload`;
    try {
      const result = await new ImportListUseCase(this.dataSource).execute({
        format: body.format,
        files: { main: { name: fileName, content } },
        list,
        source: `upload:${fileName}`,
        actor: request.actor!,
        requestId: request.id,
      });
      return {
        status: result.status,
        snapshotId: result.snapshotId,
        list: result.list,
        contentHash: result.contentHash,
        entries: result.entries,
        names: result.names,
        delta: {
          added: result.delta.added.length,
          removed: result.delta.removed.length,
          changed: result.delta.changed.length,
        },
        warnings: result.warnings.length,
      };
    } catch (error) {
      // the file is the field at fault: the console shows the parser's words beside it
      if (error instanceof ListFormatError)
        throw new DomainError('LIST_FORMAT_INVALID', error.message, [
          { path: 'content', message: error.message },
        ]);
      if (error instanceof ValidationError)
        throw new ValidationError(
          error.message,
          error.details.map((detail) => (detail.path === 'file' ? { ...detail, path: 'content' } : detail)),
        );
      throw error;
    }
  }

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

  @Get('refresh/:jobId')
  @Roles('admin')
  @RequirePermission('lists:read')
  @ApiOperation({
    summary:
      'Where a refresh requested with POST /v1/lists/refresh stands: job state, attempts, outcome or failure',
  })
  async refreshJob(@Param('jobId') jobId: string): Promise<RefreshJobView> {
    // only the refreshes officers request are answered here, not any job of the queue
    const job = MANUAL_REFRESH_JOB.test(jobId) ? await this.lists.getJob(jobId) : undefined;
    if (!job || job.name !== REFRESH_LIST_JOB) throw new NotFoundError(`No list refresh job ${jobId}`);
    const payload = job.data as RefreshListPayload;
    const state = await job.getState();
    return {
      jobId,
      list: payload.list,
      format: payload.format ?? null,
      state,
      attemptsMade: job.attemptsMade,
      attempts: job.opts.attempts ?? 1,
      // a failure names the URL it fetched: without its query (token)
      failedReason: job.failedReason
        ? job.failedReason.replace(/https?:\/\/[^\s"']+/g, withoutSecrets)
        : null,
      result: state === 'completed' ? ((job.returnvalue as Record<string, unknown> | null) ?? null) : null,
      requestedAt: new Date(job.timestamp).toISOString(),
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    };
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

/** The uploaded bytes, inflated when gzip, refused when either is over the limit (a gzip bomb stops at the limit). */
function inflateUpload(content: Buffer): Buffer {
  const tooLarge = () =>
    new DomainError('PAYLOAD_TOO_LARGE', `A list upload is at most ${LIST_UPLOAD_MAX_BYTES} bytes`, [
      {
        path: 'content',
        message: `at most ${LIST_UPLOAD_MAX_BYTES} bytes; import larger lists from sources.json or the CLI`,
      },
    ]);
  if (content.length === 0)
    throw new ValidationError('The file is empty', [{ path: 'content', message: 'the file is empty' }]);
  if (content.length > LIST_UPLOAD_MAX_BYTES) throw tooLarge();
  if (content[0] !== 0x1f || content[1] !== 0x8b) return content;
  try {
    return gunzipSync(content, { maxOutputLength: LIST_UPLOAD_MAX_BYTES });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw new DomainError(
      'LIST_FORMAT_INVALID',
      `The gzip file does not inflate: ${(error as Error).message}`,
      [{ path: 'content', message: 'the gzip file does not inflate' }],
    );
  }
}

/**
 * A source URL as officers may see it: a query string or user info can hold an access token (the EU FSF download
 * takes one), so only scheme, host and path are shown, with `?…` where a query was.
 */
export function withoutSecrets(location: string): string {
  try {
    const url = new URL(location);
    return `${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}`;
  } catch {
    return '(unreadable URL)';
  }
}
