import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { RequirePermission, Roles, type AuthenticatedRequest } from '@app/access';
import { APP_CONFIG, type AppConfig } from '@app/common';
import {
  ErrorResponseDto,
  HeldPaymentResponseDto,
  HoldListResponseDto,
  HoldResolutionRequestDto,
  HoldsQueryDto,
  HoldsUseCase,
  queueWebhookPublisher,
  type HeldPaymentView,
  type HoldListItem,
} from '@app/decisions';
import { QUEUES } from '@app/queue';

@ApiTags('held payments')
@ApiBearerAuth()
@Controller('v1')
export class HoldsController {
  private readonly holds: HoldsUseCase;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.holds = new HoldsUseCase(
      dataSource,
      queueWebhookPublisher(webhooks, config.gatewayWebhook),
      config.gatewayWebhook.url !== null,
    );
  }

  @Get('pre-auth/:transactionId')
  @Roles('gateway')
  @RequirePermission('payments:read')
  @ApiOperation({
    summary: 'The stored decision, the hold state and the final resolution (the gateway key or an officer)',
  })
  @ApiOkResponse({ type: HeldPaymentResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  view(
    @Param('transactionId') transactionId: string,
    @Req() request: AuthenticatedRequest,
  ): Promise<HeldPaymentView> {
    return this.holds.view(transactionId, request.actor!, request.id);
  }

  @Post('pre-auth/:transactionId/resolution')
  @HttpCode(200)
  @RequirePermission('payments:resolve')
  @ApiOperation({
    summary:
      'Resolve a payment held for review: DECLINE releases its limits, APPROVE keeps them; the gateway gets a webhook',
  })
  @ApiOkResponse({ type: HeldPaymentResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'not held, already resolved, or past its time box (declined by default)',
  })
  resolve(
    @Param('transactionId') transactionId: string,
    @Body() body: HoldResolutionRequestDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<HeldPaymentView> {
    return this.holds.resolve(transactionId, body.decision, body.rationale, request.actor!, request.id);
  }

  @Get('holds')
  @RequirePermission('payments:read')
  @ApiOperation({ summary: 'Held payments, the soonest to expire first (?status=HELD for the open ones)' })
  @ApiOkResponse({ type: HoldListResponseDto })
  list(@Query() query: HoldsQueryDto): Promise<{ holds: HoldListItem[]; total: number }> {
    return this.holds.list(query);
  }
}
