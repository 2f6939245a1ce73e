import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { RequirePermission, type AuthenticatedRequest } from '@app/access';
import {
  AddCaseAlertsRequestDto,
  ATTACHMENT_MAX_BYTES,
  CaseApprovalRequestDto,
  CaseAttachmentRequestDto,
  CaseConclusionRequestDto,
  CaseNoteRequestDto,
  CaseQueryDto,
  CaseRejectionRequestDto,
  CasesUseCase,
  CaseStatusRequestDto,
  OpenCaseRequestDto,
  type AttachmentView,
  type CaseDetail,
  type CaseSummary,
} from '@app/alerts';

/** An attachment travels as base64 in JSON: 5 MB of file is about 6.7 MB of body, over the default body limit. */
const ATTACHMENT_BODY_LIMIT = Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 64 * 1024;
const ATTACHMENT_ROUTE = '/v1/cases/:id/attachments';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class CasesController {
  private readonly cases: CasesUseCase;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(HttpAdapterHost) adapterHost: HttpAdapterHost,
  ) {
    this.cases = new CasesUseCase(dataSource);
    // controllers are built before their routes are registered, so this raises the body limit of the upload
    // route alone (never lowering it below the server's); the use case still enforces 5 MB decoded
    const fastify = adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.addHook('onRoute', (route) => {
      if (route.url === ATTACHMENT_ROUTE && route.method === 'POST')
        route.bodyLimit = Math.max(ATTACHMENT_BODY_LIMIT, fastify.initialConfig.bodyLimit ?? 0);
    });
  }

  @Post()
  @RequirePermission('cases:write')
  @ApiOperation({ summary: 'Open a case from alerts' })
  open(@Body() body: OpenCaseRequestDto, @Req() request: AuthenticatedRequest): Promise<CaseDetail> {
    return this.cases.open(body, request.actor!, request.id);
  }

  @Get()
  @RequirePermission('cases:read')
  @ApiOperation({
    summary: 'Cases, most recently changed first (filters: status, strRequired, alertId; paged)',
  })
  list(
    @Query() query: CaseQueryDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<{ cases: CaseSummary[]; total: number }> {
    return this.cases.list(query, request.actor!, request.id);
  }

  @Get(':id')
  @RequirePermission('cases:read')
  @ApiOperation({
    summary: 'One case with its alerts, payments (both legs), parties, hits, notes, attachments and timeline',
  })
  detail(@Param('id') id: string, @Req() request: AuthenticatedRequest): Promise<CaseDetail> {
    return this.cases.detail(id, request.actor!, request.id);
  }

  @Post(':id/alerts')
  @HttpCode(200)
  @RequirePermission('cases:write')
  @ApiOperation({ summary: 'Add alerts to a case' })
  addAlerts(
    @Param('id') id: string,
    @Body() body: AddCaseAlertsRequestDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<CaseDetail> {
    return this.cases.addAlerts(id, body.alertIds, request.actor!, request.id);
  }

  @Post(':id/notes')
  @RequirePermission('cases:write')
  @ApiOperation({ summary: 'Add a note (notes are never edited)' })
  addNote(
    @Param('id') id: string,
    @Body() body: CaseNoteRequestDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<{ id: number; body: string; author: string; createdAt: string }> {
    return this.cases.addNote(id, body.body, request.actor!, request.id);
  }

  @Post(':id/attachments')
  @RequirePermission('cases:write')
  @ApiOperation({
    summary:
      'Attach a PDF, PNG, JPEG or text file (base64, at most 5 MB; the bytes must match the type); stored with its SHA-256',
  })
  addAttachment(
    @Param('id') id: string,
    @Body() body: CaseAttachmentRequestDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<AttachmentView> {
    return this.cases.addAttachment(id, body, request.actor!, request.id);
  }

  @Get(':id/attachments/:attachmentId')
  @RequirePermission('cases:read')
  @ApiOperation({ summary: 'Download an attachment' })
  async download(
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const attachment = await this.cases.download(id, attachmentId, request.actor!, request.id);
    void reply
      .header('content-type', attachment.contentType)
      .header(
        'content-disposition',
        `attachment; filename="${attachment.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
      )
      .header('x-content-type-options', 'nosniff')
      .header('x-content-sha256', attachment.sha256);
    return attachment.content;
  }

  @Post(':id/status')
  @HttpCode(200)
  @RequirePermission('cases:write')
  @ApiOperation({ summary: 'Start the investigation (OPEN → INVESTIGATING)' })
  status(
    @Param('id') id: string,
    @Body() body: CaseStatusRequestDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<CaseDetail> {
    return this.cases.changeStatus(id, body.status, request.actor!, request.id);
  }

  @Post(':id/conclusion')
  @HttpCode(200)
  @RequirePermission('cases:write')
  @ApiOperation({ summary: 'Propose a conclusion with a narrative (→ PENDING_APPROVAL)' })
  conclusion(
    @Param('id') id: string,
    @Body() body: CaseConclusionRequestDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<CaseDetail> {
    return this.cases.propose(id, body.conclusion, body.narrative, request.actor!, request.id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission('cases:approve')
  @ApiOperation({
    summary: 'Four eyes: a SUPERVISOR other than the proposer closes the case with the proposed conclusion',
  })
  approve(
    @Param('id') id: string,
    @Body() body: CaseApprovalRequestDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<CaseDetail> {
    return this.cases.approve(id, body.rationale, request.actor!, request.id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermission('cases:approve')
  @ApiOperation({
    summary: 'Four eyes: send the proposed conclusion back (→ INVESTIGATING), with a rationale',
  })
  reject(
    @Param('id') id: string,
    @Body() body: CaseRejectionRequestDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<CaseDetail> {
    return this.cases.reject(id, body.rationale, request.actor!, request.id);
  }
}
