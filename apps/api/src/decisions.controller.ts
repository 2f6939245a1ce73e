import { Controller, Get, Param, Req } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, type AuthenticatedRequest } from '@app/access';
import { ReplayDecisionUseCase, verifyDecisionChain, type ChainVerification, type ReplayResult } from '@app/decisions';
import { AuditLog } from '@app/persistence';

@ApiTags('audit')
@Controller('v1/decisions')
export class DecisionsController {
  private readonly replay: ReplayDecisionUseCase;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {
    this.replay = new ReplayDecisionUseCase(dataSource);
  }

  @Get('verify')
  @RequirePermission('audit:read')
  @ApiOperation({ summary: 'Walk the decision hash chain: every stored decision must match its link' })
  verify(): Promise<ChainVerification> {
    return verifyDecisionChain(this.dataSource);
  }

  @Get(':transactionId/replay')
  @RequirePermission('audit:read')
  @ApiOperation({ summary: 'Re-run a stored decision on its stored inputs, rule set version and list snapshots' })
  async replayDecision(@Param('transactionId') transactionId: string, @Req() request: AuthenticatedRequest): Promise<ReplayResult> {
    const result = await this.replay.execute(transactionId);
    await this.audit.append({ actor: request.actor!, action: 'decision.replayed', entityType: 'decision', entityId: transactionId, after: { identical: result.identical }, requestId: request.id });
    return result;
  }
}
