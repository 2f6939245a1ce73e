import { Controller, Get, Inject, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { PERMISSIONS, RequirePermission, Roles, type AuthenticatedRequest, type OfficerRole } from '@app/access';
import { DomainError } from '@app/common';
import {
  DownloadReportQueryDto,
  DownloadReportUseCase,
  ListReportsQueryDto,
  ListReportsUseCase,
  type ReportSummary,
} from '@app/reports';

const FILING_FORMATS = new Set(['phtr-xml', 'pstr-xml', 'goaml-xml']);

/** Regulatory reports: the list with every stored output's hash, and downloads (each one audited). */
@ApiTags('reports')
@Controller('v1/reports')
export class ReportsController {
  private readonly listReports: ListReportsUseCase;
  private readonly download: DownloadReportUseCase;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.listReports = new ListReportsUseCase(dataSource);
    this.download = new DownloadReportUseCase(dataSource);
  }

  @Get()
  @Roles('admin')
  @RequirePermission('reports:read')
  @ApiOperation({
    summary: 'Reports, newest first, filtered by type, period and status; page with limit and offset',
  })
  list(
    @Query() query: ListReportsQueryDto,
  ): Promise<{ reports: ReportSummary[]; total: number; limit: number; offset: number }> {
    return this.listReports.execute(query);
  }

  @Get(':id/download')
  @Roles('admin')
  @RequirePermission('reports:read')
  @ApiProduces(
    'application/xml',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOperation({
    summary:
      'One output of a report (generated and stored on first download); filing formats mark the report EXPORTED',
  })
  async downloadReport(
    @Param('id') id: string,
    @Query() query: DownloadReportQueryDto,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    // a filing format marks the report EXPORTED: that is an export, a SUPERVISOR's act (or the admin key's)
    const actor = request.actor!;
    if (FILING_FORMATS.has(query.format) && actor.kind === 'officer' && !PERMISSIONS['reports:export'].includes(actor.role as OfficerRole)) {
      throw new DomainError('FORBIDDEN', `Downloading ${query.format} files a report; it needs the reports:export permission`);
    }
    const file = await this.download.execute({
      reportId: id,
      format: query.format,
      actor: request.actor!,
      requestId: request.id,
    });
    void reply.header('content-type', file.mediaType);
    void reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    void reply.header('x-content-sha256', file.sha256);
    return new StreamableFile(file.content);
  }
}
