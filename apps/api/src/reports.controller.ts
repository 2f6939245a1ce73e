import { Controller, Get, Inject, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Roles, type AuthenticatedRequest } from '@app/access';
import {
  DownloadReportQueryDto,
  DownloadReportUseCase,
  ListReportsQueryDto,
  ListReportsUseCase,
  type ReportSummary,
} from '@app/reports';

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
  @Roles('admin', 'SUPERVISOR', 'ADMIN', 'AUDITOR', 'ANALYST')
  @ApiOperation({
    summary: 'Reports, newest first, filtered by type, period and status; page with limit and offset',
  })
  list(
    @Query() query: ListReportsQueryDto,
  ): Promise<{ reports: ReportSummary[]; total: number; limit: number; offset: number }> {
    return this.listReports.execute(query);
  }

  @Get(':id/download')
  @Roles('admin', 'SUPERVISOR', 'ADMIN', 'AUDITOR', 'ANALYST')
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
