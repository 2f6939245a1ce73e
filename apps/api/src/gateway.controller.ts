import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, type AuthenticatedRequest } from '@app/access';
import { OutcomeRequestDto, OutcomeUseCase, PreAuthRequestDto, PreAuthUseCase, type OutcomeResult, type PreAuthResponse } from '@app/decisions';

@ApiTags('gateway')
@ApiHeader({ name: 'X-Api-Key', required: true })
@Controller('v1')
export class GatewayController {
  constructor(
    private readonly preAuth: PreAuthUseCase,
    private readonly outcome: OutcomeUseCase,
  ) {}

  @Post('pre-auth')
  @HttpCode(200)
  @Roles('gateway')
  @ApiOperation({ summary: 'Synchronous pre-authorisation check of one payment (idempotent on transactionId)' })
  decide(@Body() body: PreAuthRequestDto, @Req() request: AuthenticatedRequest): Promise<PreAuthResponse> {
    return this.preAuth.execute(body, request.actor!);
  }

  @Post('transactions/:transactionId/outcome')
  @HttpCode(200)
  @Roles('gateway')
  @ApiOperation({ summary: 'How the payment ended: SETTLED confirms reserved limits, FAILED / REVERSED release them' })
  reportOutcome(
    @Param('transactionId') transactionId: string,
    @Body() body: OutcomeRequestDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<OutcomeResult> {
    return this.outcome.execute(transactionId, body.status, body.at, request.actor!, request.id);
  }
}
