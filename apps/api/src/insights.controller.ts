import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { RequirePermission, Roles, type AuthenticatedRequest } from '@app/access';
import { beijingPeriods, NotFoundError } from '@app/common';
import { AuditLog } from '@app/persistence';

export class WindowQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  minutes?: number;
}

/** Read models for dashboards and alert detail pages: counts, a party's recent activity, a list entry's record. */
@ApiTags('insights')
@Controller('v1')
export class InsightsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  @Get('alerts/stats')
  @RequirePermission('alerts:read')
  @ApiOperation({ summary: 'Unresolved alerts by status, type and priority; SLA breaches; age buckets' })
  async alertStats(): Promise<{ byStatus: Record<string, number>; byTypeAndPriority: Array<{ type: string; priority: string; count: number }>; slaBreached: number; byAge: Record<string, number> }> {
    const [status, typePriority, breached, age] = await Promise.all([
      this.dataSource.query<Array<{ status: string; count: number }>>('SELECT status, count(*)::int AS count FROM alerts GROUP BY status'),
      this.dataSource.query<Array<{ type: string; priority: string; count: number }>>(
        "SELECT type, priority, count(*)::int AS count FROM alerts WHERE status <> 'CLOSED' GROUP BY type, priority ORDER BY type, priority",
      ),
      this.dataSource.query<Array<{ count: number }>>("SELECT count(*)::int AS count FROM alerts WHERE status <> 'CLOSED' AND sla_due_at < now()"),
      this.dataSource.query<Array<{ bucket: string; count: number }>>(
        `SELECT CASE WHEN created_at > now() - interval '1 hour' THEN '<1h' WHEN created_at > now() - interval '1 day' THEN '<1d'
           WHEN created_at > now() - interval '7 days' THEN '<7d' ELSE '>=7d' END AS bucket, count(*)::int AS count
         FROM alerts WHERE status <> 'CLOSED' GROUP BY 1`,
      ),
    ]);
    return {
      byStatus: Object.fromEntries(status.map((row) => [row.status, row.count])),
      byTypeAndPriority: typePriority,
      slaBreached: breached[0].count,
      byAge: Object.fromEntries(age.map((row) => [row.bucket, row.count])),
    };
  }

  @Get('decisions/stats')
  @Roles('admin')
  @RequirePermission('alerts:read')
  @ApiOperation({ summary: 'Decisions per minute by outcome over the last N minutes (default 60)' })
  async decisionStats(@Query() query: WindowQueryDto): Promise<{ minutes: number; perMinute: Array<{ minute: string; outcome: string; count: number }> }> {
    const minutes = query.minutes ?? 60;
    const perMinute = await this.dataSource.query<Array<{ minute: string; outcome: string; count: number }>>(
      `SELECT to_char(date_trunc('minute', decided_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') AS minute, outcome, count(*)::int AS count
       FROM decisions WHERE decided_at > now() - make_interval(mins => $1) GROUP BY 1, 2 ORDER BY 1, 2`,
      [minutes],
    );
    return { minutes, perMinute };
  }

  @Get('parties/:payerKey')
  @RequirePermission('payments:read')
  @ApiOperation({ summary: "A payer's recent payments (30 days, both currency legs), limit usage of the current Beijing periods and blocks" })
  async party(@Param('payerKey') payerKey: string, @Req() request: AuthenticatedRequest): Promise<unknown> {
    const payers = await this.dataSource.query<Array<{ first_seen_at: Date }>>('SELECT first_seen_at FROM payers WHERE payer_key = $1', [payerKey]);
    if (!payers[0]) throw new NotFoundError(`No payer ${payerKey}`);
    const periods = beijingPeriods(new Date());
    const [payments, usage, blocks] = await Promise.all([
      this.dataSource.query<unknown[]>(
        `SELECT transaction_id AS "transactionId", occurred_at AS "occurredAt", merchant_id AS "merchantId", merchant->>'name' AS "merchantName",
           json_build_object('value', amount_value::text, 'currency', amount_currency) AS amount,
           CASE WHEN payer_amount_value IS NULL THEN NULL ELSE json_build_object('value', payer_amount_value::text, 'currency', payer_amount_currency) END AS "payerAmount",
           amount_usd_cents::int AS "amountUsdCents", amount_cny_fen::int AS "amountCnyFen", decision, status
         FROM payments WHERE payer_key = $1 AND occurred_at > now() - interval '30 days' ORDER BY occurred_at DESC LIMIT 200`,
        [payerKey],
      ),
      this.dataSource.query<unknown[]>(
        `SELECT period, period_key AS "periodKey", amount::int AS amount FROM limit_usage WHERE payer_key = $1
           AND ((period IN ('DAY', 'STATIC_QR_DAY') AND period_key = $2) OR (period = 'MONTH' AND period_key = $3) OR (period = 'YEAR' AND period_key = $4))`,
        [payerKey, periods.day, periods.month, periods.year],
      ),
      this.dataSource.query<unknown[]>(
        'SELECT rule_id AS "ruleId", reason, transaction_id AS "transactionId", created_at AS "createdAt", until, lifted_at AS "liftedAt" FROM party_blocks WHERE party_key = $1 ORDER BY created_at DESC',
        [payerKey],
      ),
    ]);
    await this.audit.append({ actor: request.actor!, action: 'party.read', entityType: 'party', entityId: payerKey, requestId: request.id });
    return { payerKey, firstSeenAt: payers[0].first_seen_at, payments, limitUsage: usage, blocks };
  }

  @Get('lists/:list/entries/:sourceId')
  @Roles('admin')
  @RequirePermission('lists:read')
  @ApiOperation({ summary: "A list entry's full record in the active snapshot (names, dates of birth, identifiers, addresses, programmes)" })
  async listEntry(@Param('list') list: string, @Param('sourceId') sourceId: string): Promise<unknown> {
    const rows = await this.dataSource.query<Array<{ snapshotId: string; fingerprint: string; entry: unknown }>>(
      `SELECT e.snapshot_id AS "snapshotId", e.fingerprint, e.entry FROM list_entries e JOIN list_snapshots s ON s.id = e.snapshot_id
       WHERE s.list = $1 AND s.status = 'ACTIVE' AND e.source_id = $2`,
      [list, sourceId],
    );
    if (!rows[0]) throw new NotFoundError(`No entry ${sourceId} in the active ${list} snapshot`);
    return { ...rows[0], entryVersion: rows[0].fingerprint };
  }
}
