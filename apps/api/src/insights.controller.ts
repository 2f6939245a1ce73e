import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { RequirePermission, Roles, type AuthenticatedRequest } from '@app/access';
import { AlertStatsQuery, type AlertStats, type JobQueueDepth } from '@app/alerts';
import { NotFoundError } from '@app/common';
import {
  DecisionStatsQuery,
  MERCHANT_ID_PATTERN,
  MerchantActivityQuery,
  PartyActivityQuery,
  type DecisionStats,
  type MerchantActivity,
  type PartyActivity,
} from '@app/decisions';
import { QUEUES } from '@app/queue';

export class WindowQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  minutes?: number;
}

export class MerchantParamsDto {
  @Matches(MERCHANT_ID_PATTERN, { message: '$property must be 1-64 letters, digits or ._:- (a merchant id as the gateway sends it)' })
  merchantId: string;
}

/** A queue backend that does not answer within this time shows as unknown rather than holding up the dashboard. */
const JOB_COUNT_TIMEOUT_MS = 2_000;

/** Read models for dashboards and alert detail pages: counts, a payer's or a merchant's recent activity, a list entry's record. */
@ApiTags('insights')
@Controller('v1')
export class InsightsController {
  private readonly alertStats: AlertStatsQuery;
  private readonly decisionStats: DecisionStatsQuery;
  private readonly partyActivity: PartyActivityQuery;
  private readonly merchantActivity: MerchantActivityQuery;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.followUp) followUp: Queue,
    @InjectQueue(QUEUES.lists) lists: Queue,
    @InjectQueue(QUEUES.monitoring) monitoring: Queue,
    @InjectQueue(QUEUES.reports) reports: Queue,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
    @InjectQueue(QUEUES.maintenance) maintenance: Queue,
  ) {
    const queues = [followUp, lists, monitoring, reports, webhooks, maintenance];
    this.alertStats = new AlertStatsQuery(dataSource, () => Promise.all(queues.map(jobQueueDepth)));
    this.decisionStats = new DecisionStatsQuery(dataSource);
    this.partyActivity = new PartyActivityQuery(dataSource);
    this.merchantActivity = new MerchantActivityQuery(dataSource);
  }

  @Get('alerts/stats')
  @RequirePermission('alerts:read')
  @ApiOperation({
    summary:
      'Unresolved alerts by status, type and priority, type and age; SLA breaches; age buckets; queue depth (unassigned open alerts and follow-up job queues)',
  })
  stats(): Promise<AlertStats> {
    return this.alertStats.execute(new Date());
  }

  @Get('decisions/stats')
  @Roles('admin')
  @RequirePermission('alerts:read')
  @ApiOperation({ summary: 'Decisions per minute by outcome over the last N minutes (default 60, 1–1440), and totals by outcome' })
  decisions(@Query() query: WindowQueryDto): Promise<DecisionStats> {
    return this.decisionStats.execute({ minutes: query.minutes ?? 60, now: new Date() });
  }

  @Get('parties/:payerKey')
  @RequirePermission('payments:read')
  @ApiOperation({
    summary: "A payer's recent payments (30 days, both currency legs), limit usage of the current Beijing periods with the tier limits in force, and blocks",
  })
  party(@Param('payerKey') payerKey: string, @Req() request: AuthenticatedRequest): Promise<PartyActivity> {
    return this.partyActivity.execute({ payerKey, actor: request.actor!, requestId: request.id, now: new Date() });
  }

  @Get('merchants/:merchantId')
  @RequirePermission('payments:read')
  @ApiOperation({
    summary:
      "A merchant's recent payments (30 days, newest first, at most 200 with a truncated flag; both currency legs, outcome, decision time), totals per outcome over the whole window, and open alerts",
  })
  merchant(@Param() params: MerchantParamsDto, @Req() request: AuthenticatedRequest): Promise<MerchantActivity> {
    return this.merchantActivity.execute({ merchantId: params.merchantId, actor: request.actor!, requestId: request.id, now: new Date() });
  }

  @Get('lists/:list/entries/:sourceId')
  @Roles('admin')
  @RequirePermission('lists:read')
  @ApiOperation({ summary: "A list entry's full record in the active snapshot (names, dates of birth, identifiers, addresses, programmes)" })
  async listEntry(@Param('list') list: string, @Param('sourceId') sourceId: string): Promise<unknown> {
    const rows = await this.dataSource.query<Array<{ snapshotId: string; fingerprint: string; entry: unknown; importedAt: Date }>>(
      `SELECT e.snapshot_id AS "snapshotId", e.fingerprint, e.entry, s.imported_at AS "importedAt" FROM list_entries e JOIN list_snapshots s ON s.id = e.snapshot_id
       WHERE s.list = $1 AND s.status = 'ACTIVE' AND e.source_id = $2`,
      [list, sourceId],
    );
    if (!rows[0]) throw new NotFoundError(`No entry ${sourceId} in the active ${list} snapshot`);
    return { ...rows[0], entryVersion: rows[0].fingerprint };
  }
}

async function jobQueueDepth(queue: Queue): Promise<JobQueueDepth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), JOB_COUNT_TIMEOUT_MS);
    timer.unref();
  });
  try {
    const counts = await Promise.race([queue.getJobCounts('waiting', 'active', 'delayed', 'failed'), timeout]);
    return { queue: queue.name, waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 };
  } catch {
    return { queue: queue.name, waiting: null, active: null, delayed: null, failed: null };
  } finally {
    clearTimeout(timer);
  }
}
