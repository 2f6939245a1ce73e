import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Roles, type AuthenticatedRequest } from '@app/access';
import {
  ErrorResponseDto,
  OutcomeRequestDto,
  OutcomeResponseDto,
  OutcomeUseCase,
  PreAuthRequestDto,
  PreAuthResponseDto,
  PreAuthUseCase,
  type OutcomeResult,
  type PreAuthResponse,
} from '@app/decisions';

@ApiTags('gateway')
@ApiHeader({ name: 'X-Api-Key', required: true })
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'invalid input; details name the fields' })
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@ApiPayloadTooLargeResponse({ type: ErrorResponseDto })
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
  @ApiOkResponse({ type: PreAuthResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'the transaction id was already decided with a different body' })
  decide(@Body() body: PreAuthRequestDto, @Req() request: AuthenticatedRequest): Promise<PreAuthResponse> {
    return this.preAuth.execute(body, request.actor!);
  }

  @Post('transactions/:transactionId/outcome')
  @HttpCode(200)
  @Roles('gateway')
  @ApiOperation({ summary: 'How the payment ended: SETTLED confirms reserved limits, FAILED / REVERSED release them' })
  @ApiOkResponse({ type: OutcomeResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'the status does not follow from the current one' })
  reportOutcome(
    @Param('transactionId') transactionId: string,
    @Body() body: OutcomeRequestDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<OutcomeResult> {
    return this.outcome.execute(transactionId, body.status, body.at, request.actor!, request.id);
  }
}
