import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { HOLD_STATUSES } from './holds.use-case.js';

export class HoldResolutionRequestDto {
  @ApiProperty({ enum: ['APPROVE', 'DECLINE'] })
  @IsIn(['APPROVE', 'DECLINE'])
  decision: 'APPROVE' | 'DECLINE';

  @ApiProperty({ example: 'Payer is not the listed person: different date of birth on the wallet KYC record', description: 'mandatory' })
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
