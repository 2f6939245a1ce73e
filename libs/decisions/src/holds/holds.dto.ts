import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PreAuthResponseDto } from '../pre-auth-response.dto.js';
import { HOLD_STATUSES } from './holds.use-case.js';

export class HoldResolutionRequestDto {
  @ApiProperty({ enum: ['APPROVE', 'DECLINE'] })
  @IsIn(['APPROVE', 'DECLINE'])
  decision: 'APPROVE' | 'DECLINE';

  @ApiProperty({
    example: 'Payer is not the listed person: different date of birth on the wallet KYC record',
    description: 'mandatory',
  })
  @IsString()
  @Length(1, 4000)
  @Matches(/\S/, { message: 'rationale must not be blank' })
  rationale: string;
}

export class HoldsQueryDto {
  @ApiPropertyOptional({ enum: HOLD_STATUSES })
  @IsOptional()
  @IsIn(HOLD_STATUSES)
  status?: (typeof HOLD_STATUSES)[number];

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class HoldDto {
  @ApiProperty({ enum: HOLD_STATUSES }) status: string;
  @ApiProperty({ description: 'when the REVIEW decision was made' }) heldAt: string;
  @ApiProperty({
    description: 'heldAt + the time box (hold_settings, default 30 minutes); unresolved by then → DECLINE',
  })
  expiresAt: string;
  @ApiProperty({ enum: ['APPROVE', 'DECLINE'], nullable: true }) resolution: string | null;
  @ApiProperty({ nullable: true }) resolvedAt: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'officers only' }) resolvedBy?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'officers only' }) rationale?: string | null;
}

export class HeldPaymentResponseDto {
  @ApiProperty() transactionId: string;
  @ApiProperty({ type: PreAuthResponseDto, description: 'the stored answer the gateway received' })
  decision: PreAuthResponseDto;
  @ApiProperty({ enum: ['PENDING', 'SETTLED', 'FAILED', 'REVERSED', 'DECLINED'] }) paymentStatus: string;
  @ApiProperty() paymentStatusAt: string;
  @ApiProperty({ type: HoldDto, nullable: true }) hold: HoldDto | null;
  @ApiProperty({
    enum: ['APPROVE', 'STEP_UP', 'REVIEW', 'DECLINE'],
    description: 'the decision in force: REVIEW while held, then the resolution',
  })
  finalDecision: string;
}

export class HoldListItemDto {
  @ApiProperty() transactionId: string;
  @ApiProperty({ enum: HOLD_STATUSES }) status: string;
  @ApiProperty() heldAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true }) resolvedAt: string | null;
  @ApiProperty({ nullable: true }) resolvedBy: string | null;
  @ApiProperty() paymentStatus: string;
  @ApiProperty({ example: { value: '268.00', currency: 'CNY' } }) amount: object;
  @ApiProperty() payerKey: string;
  @ApiProperty() merchantId: string;
  @ApiProperty() riskScore: number;
}

export class HoldListResponseDto {
  @ApiProperty({ type: [HoldListItemDto] }) holds: HoldListItemDto[];
  @ApiProperty() total: number;
}
