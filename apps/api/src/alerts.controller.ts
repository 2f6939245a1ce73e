import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RequirePermission, type AuthenticatedRequest } from '@app/access';
import {
  AlertApprovalDto,
  AlertDispositionDto,
  AlertNoteDto,
  AlertQueryDto,
  AlertQueueQuery,
  AlertRejectionDto,
  AlertWorkUseCase,
  AssignAlertDto,
  type AlertDetail,
  type AlertView,
  type WorkContext,
} from '@app/alerts';

function contextOf(request: AuthenticatedRequest): WorkContext {
  return { actor: request.actor!, requestId: request.id };
}

/** The officers' alert queues: list, read, claim, assign, annotate, dispose, and approve or reject (four eyes). */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('v1/alerts')
export class AlertsController {
  private readonly queue: AlertQueueQuery;
  private readonly work: AlertWorkUseCase;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.queue = new AlertQueueQuery(dataSource);
    this.work = new AlertWorkUseCase(dataSource);
  }

  @Get()
  @RequirePermission('alerts:read')
  @ApiOperation({ summary: 'Alerts, most urgent first (priority, then SLA due time); page on with ?cursor=<nextCursor>' })
  list(@Query() query: AlertQueryDto, @Req() request: AuthenticatedRequest): Promise<{ alerts: AlertView[]; nextCursor: string | null }> {
    return this.queue.list(query, request.actor!, request.id);
  }

  @Post('next')
  @HttpCode(200)
  @RequirePermission('alerts:work')
  @ApiOperation({ summary: 'Claim the most urgent unassigned OPEN alert: 200 {"alert": {...}}, or 200 {"alert": null} when the queue is empty' })
  async next(@Req() request: AuthenticatedRequest): Promise<{ alert: AlertView | null }> {
    return { alert: await this.work.claimNext(contextOf(request)) };
  }

  @Get(':id')
  @RequirePermission('alerts:read')
  @ApiOperation({ summary: 'One alert with its evidence, occurrences, notes and disposition history' })
  get(@Param('id') id: string, @Req() request: AuthenticatedRequest): Promise<AlertDetail> {
    return this.queue.get(id, request.actor!, request.id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @RequirePermission('alerts:work')
  @ApiOperation({ summary: 'Assign to an officer (ANALYST or SUPERVISOR) by username, or to the caller without a body' })
  assign(@Param('id') id: string, @Body() body: AssignAlertDto, @Req() request: AuthenticatedRequest): Promise<AlertView> {
    return this.work.assign(id, body?.username, contextOf(request));
  }

  @Post(':id/notes')
  @HttpCode(201)
  @RequirePermission('alerts:work')
  @ApiOperation({ summary: 'Add a note (1-10,000 characters)' })
  note(@Param('id') id: string, @Body() body: AlertNoteDto, @Req() request: AuthenticatedRequest): ReturnType<AlertWorkUseCase['addNote']> {
    return this.work.addNote(id, body.text, contextOf(request));
  }

  @Post(':id/disposition')
  @HttpCode(200)
  @RequirePermission('alerts:work')
  @ApiOperation({ summary: 'Conclude with a rationale (≥ 20 characters); sanctions alerts and SUSPICIOUS wait in PENDING_APPROVAL for another SUPERVISOR' })
  dispose(@Param('id') id: string, @Body() body: AlertDispositionDto, @Req() request: AuthenticatedRequest): Promise<AlertView> {
    return this.work.dispose(id, body.disposition, body.rationale, contextOf(request));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission('alerts:approve')
  @ApiOperation({ summary: 'Four eyes: close with the proposed disposition (not by its proposer)' })
  approve(@Param('id') id: string, @Body() body: AlertApprovalDto, @Req() request: AuthenticatedRequest): Promise<AlertView & { suppressions: number }> {
    return this.work.approve(id, body?.rationale, contextOf(request));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermission('alerts:approve')
  @ApiOperation({ summary: 'Four eyes: send the disposition back to its proposer with a rationale' })
  reject(@Param('id') id: string, @Body() body: AlertRejectionDto, @Req() request: AuthenticatedRequest): Promise<AlertView> {
    return this.work.reject(id, body.rationale, contextOf(request));
  }
}
