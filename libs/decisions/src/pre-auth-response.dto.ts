import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI description of the answers; the use cases return plain objects of these shapes. */
export class ReasonDto {
  @ApiProperty({ example: 'KYC_LIMIT_DAILY' }) code: string;
  @ApiProperty({ example: 'KYC.T1.DAILY' }) ruleId: string;
  @ApiProperty({ example: 'Payment would take the T1 daily total to USD 2,100.00, over the limit of USD 2,000.00' }) message: string;
}

export class ScreeningHitDto {
  @ApiProperty({ enum: ['payer', 'merchant', 'legalRepresentative'] }) party: string;
  @ApiProperty({ example: 'UN_SC' }) list: string;
  @ApiProperty({ example: 'QDi.001', description: "the list's own id (OFAC ent_num, UN reference number …)" }) sourceId: string;
  @ApiProperty() primaryName: string;
  @ApiProperty() matchedName: string;
  @ApiProperty({ example: 0.94 }) score: number;
  @ApiProperty({ enum: ['REVIEW', 'STRONG'] }) band: string;
  @ApiProperty({ description: 'version (fingerprint) of the list entry that matched' }) entryVersion: string;
  @ApiProperty({ description: 'which name pair matched, aligned parts, and the qualifiers that moved the score' }) explanation: object;
}

export class ScreeningResultDto {
  @ApiProperty({ type: [String], example: ['UN_SC@5067990b1ccc', 'OFAC_SDN@4559801f5ed4'] }) listSnapshots: string[];
  @ApiProperty({ type: [ScreeningHitDto] }) hits: ScreeningHitDto[];
}

export class PreAuthResponseDto {
  @ApiProperty() transactionId: string;
  @ApiProperty({ enum: ['APPROVE', 'STEP_UP', 'REVIEW', 'DECLINE'] }) decision: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) riskScore: number;
  @ApiProperty({ type: [ReasonDto] }) reasons: ReasonDto[];
  @ApiProperty({ type: ScreeningResultDto }) screening: ScreeningResultDto;
  @ApiProperty() alertRaised: boolean;
  @ApiProperty({ example: 1 }) ruleSetVersion: number;
  @ApiProperty({ example: '2026-11-25T02:15:00.012Z' }) decidedAt: string;
}

export class OutcomeResponseDto {
  @ApiProperty() transactionId: string;
  @ApiProperty({ enum: ['SETTLED', 'FAILED', 'REVERSED'] }) status: string;
  @ApiProperty({ enum: ['PENDING', 'SETTLED', 'FAILED', 'REVERSED', 'DECLINED'] }) previousStatus: string;
  @ApiProperty({ description: 'true when FAILED or REVERSED released the reserved limits' }) limitsReleased: boolean;
  @ApiProperty() at: string;
}

export class ErrorDetailDto {
  @ApiProperty({ example: 'payer.nationality' }) path: string;
  @ApiProperty({ example: 'payer.nationality must be an ISO 3166-1 alpha-2 country code, e.g. CN' }) message: string;
}

export class ErrorDto {
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: [ErrorDetailDto] }) details: ErrorDetailDto[];
  @ApiPropertyOptional() requestId?: string;
}

export class ErrorResponseDto {
  @ApiProperty({ type: ErrorDto }) error: ErrorDto;
}
