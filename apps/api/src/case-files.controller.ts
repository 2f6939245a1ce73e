import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { RequirePermission, type AuthenticatedRequest } from '@app/access';
import { CasesUseCase } from '@app/alerts';
import {
  ApproveReportUseCase,
  DraftStrUseCase,
  ExportCaseFileQueryDto,
  ExportCaseFileUseCase,
  type StoredReport,
} from '@app/reports';

/**
 * Suspicious transaction reports drafted from confirmed cases, their four-eyes approval, and case files (PDF for
 * people, JSON for machines). Case files and STRs are for the institution and its regulators only: no route here
 * answers a gateway key, and nothing is ever sent to the customer (no tipping off).
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1')
export class CaseFilesController {
  private readonly draftStr: DraftStrUseCase;
  private readonly approveReport: ApproveReportUseCase;
  private readonly exportCaseFile: ExportCaseFileUseCase;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    const cases = new CasesUseCase(dataSource);
    this.draftStr = new DraftStrUseCase(dataSource);
    this.approveReport = new ApproveReportUseCase(dataSource);
    this.exportCaseFile = new ExportCaseFileUseCase(dataSource, (caseId, actor, requestId) =>
      cases.detail(caseId, actor, requestId),
    );
  }

  @Post('cases/:id/str')
  @RequirePermission('reports:export')
  @ApiOperation({
    summary:
      'Draft the STR of a case closed CLOSED_CONFIRMED (one per case: answers the existing one; 201 when created)',
  })
  async str(
    @Param('id') id: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ report: StoredReport; created: boolean }> {
    const result = await this.draftStr.execute({
      caseId: id,
      actor: request.actor!,
      now: new Date(),
      requestId: request.id,
    });
    void reply.status(result.created ? 201 : 200);
    return result;
  }

  @Post('reports/:id/approve')
  @HttpCode(200)
  @RequirePermission('reports:export')
  @ApiOperation({
    summary:
      'Four eyes: a SUPERVISOR other than the case conclusion proposer approves a DRAFT STR (→ APPROVED)',
  })
  approve(@Param('id') id: string, @Req() request: AuthenticatedRequest): Promise<StoredReport> {
    return this.approveReport.execute({ reportId: id, actor: request.actor!, requestId: request.id });
  }

  @Get('cases/:id/export')
  @RequirePermission('reports:export')
  @ApiProduces('application/pdf', 'application/json')
  @ApiOperation({
    summary:
      'Case file: PDF for people or JSON bundle for machines; its SHA-256 manifest is recorded as a case.exported audit event',
  })
  async export(
    @Param('id') id: string,
    @Query() query: ExportCaseFileQueryDto,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.exportCaseFile.execute({
      caseId: id,
      format: query.format,
      actor: request.actor!,
      now: new Date(),
      requestId: request.id,
    });
    void reply.header('content-type', file.mediaType);
    void reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    void reply.header('x-content-sha256', file.sha256);
    void reply.header('cache-control', 'no-store');
    return new StreamableFile(file.content);
  }
}
