import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { RequirePermission, Roles, type AuthenticatedRequest } from '@app/access';
import { ValidationError } from '@app/common';
import { AuditLog } from '@app/persistence';
import { QUEUES } from '@app/queue';
import {
  enqueueReport,
  periodBounds,
  reportJobId,
  ReportSchedulesUseCase,
  RunReportDto,
  UpdateReportScheduleDto,
  type ReportScheduleView,
} from '@app/reports';

/** When the scheduled reports run (report_schedules), and a run of one report period on request. */
@ApiTags('reports')
@Controller('v1/reports')
export class ReportSchedulesController {
  private readonly schedules: ReportSchedulesUseCase;
  private readonly audit: AuditLog;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @InjectQueue(QUEUES.reports) private readonly reports: Queue,
  ) {
    this.schedules = new ReportSchedulesUseCase(dataSource, reports);
    this.audit = new AuditLog(dataSource);
  }

  @Get('schedules')
  @Roles('admin')
  @RequirePermission('schedules:read')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The report schedules (cron in their time zone), whether each is in force and its next run',
  })
  async list(): Promise<{ schedules: ReportScheduleView[] }> {
    return { schedules: await this.schedules.list() };
  }

  @Patch('schedules/:name')
  @Roles('admin')
  @RequirePermission('schedules:manage')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Enable or disable a report schedule or change its cron / time zone; in force at once; audited',
  })
  async update(
    @Param('name') name: string,
    @Body() body: UpdateReportScheduleDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<{ schedule: ReportScheduleView }> {
    return { schedule: await this.schedules.update(name, body, request.actor!, request.id) };
  }

  @Post('runs')
  @HttpCode(202)
  @Roles('admin')
  @RequirePermission('reports:export')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Generate one report period now (a job; one report per type and period however often it is asked for)',
  })
  async run(
    @Body() body: RunReportDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<{ jobId: string; type: string; period: string }> {
    // as the job decides: an LTR day or a STATS month must be over; the overdue-alerts report is a snapshot
    const { start, end } = periodBounds(body.type, body.period);
    if ((body.type === 'OVERDUE_ALERTS' ? start : end).getTime() > Date.now())
      throw new ValidationError(`The ${body.type} period ${body.period} cannot be generated yet`, [
        {
          path: 'period',
          message:
            body.type === 'OVERDUE_ALERTS'
              ? 'the week has not begun (Beijing time)'
              : 'the period is not over yet (Beijing time)',
        },
      ]);
    await enqueueReport(this.reports, body.type, body.period);
    const jobId = reportJobId(body.type, body.period);
    await this.audit.append({
      actor: request.actor!,
      action: 'report.run.requested',
      entityType: 'report',
      entityId: `${body.type}:${body.period}`,
      after: { type: body.type, period: body.period, jobId },
      requestId: request.id,
    });
    return { jobId, type: body.type, period: body.period };
  }
}
