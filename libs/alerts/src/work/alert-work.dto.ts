import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ALERT_PRIORITIES, ALERT_STATUSES, ALERT_TYPES, DISPOSITIONS, RATIONALE_MIN_LENGTH, TEXT_MAX_LENGTH } from './alert-policy.js';

export const ALERT_PAGE_DEFAULT = 50;
export const ALERT_PAGE_MAX = 200;

export class AlertQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATUSES })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: (typeof ALERT_STATUSES)[number];

  @ApiPropertyOptional({ enum: ALERT_TYPES })
  @IsOptional()
  @IsIn(ALERT_TYPES)
  type?: string;

  @ApiPropertyOptional({ enum: ALERT_PRIORITIES })
  @IsOptional()
  @IsIn(ALERT_PRIORITIES)
  priority?: (typeof ALERT_PRIORITIES)[number];

  @ApiPropertyOptional({ description: "assignee's username" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  assignee?: string;

  @ApiPropertyOptional({ description: 'SLA due before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueBefore?: string;

  @ApiPropertyOptional({ example: 'R02' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'ruleId must be a rule id such as R02 or KYC.T1.DAILY' })
  ruleId?: string;

  @ApiPropertyOptional({ default: ALERT_PAGE_DEFAULT, maximum: ALERT_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ALERT_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: "the previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}

export class AssignAlertDto {
  @ApiPropertyOptional({ description: "an officer's username; absent = the caller" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  username?: string;
}

export class AlertNoteDto {
  @ApiProperty({ minLength: 1, maxLength: TEXT_MAX_LENGTH })
  @IsString()
  @Length(1, TEXT_MAX_LENGTH)
  text: string;
}

export class AlertDispositionDto {
  @ApiProperty({ enum: DISPOSITIONS })
  @IsIn(DISPOSITIONS)
  disposition: (typeof DISPOSITIONS)[number];

  @ApiProperty({ minLength: RATIONALE_MIN_LENGTH, maxLength: TEXT_MAX_LENGTH, description: 'the written reason (mandatory)' })
  @IsString()
  @Length(RATIONALE_MIN_LENGTH, TEXT_MAX_LENGTH, { message: `rationale must be ${RATIONALE_MIN_LENGTH} to ${TEXT_MAX_LENGTH} characters` })
  rationale: string;
}

export class AlertApprovalDto {
  @ApiPropertyOptional({ maxLength: TEXT_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @Length(1, TEXT_MAX_LENGTH)
  rationale?: string;
}

export class AlertRejectionDto {
  @ApiProperty({ minLength: RATIONALE_MIN_LENGTH, maxLength: TEXT_MAX_LENGTH })
  @IsString()
  @Length(RATIONALE_MIN_LENGTH, TEXT_MAX_LENGTH, { message: `rationale must be ${RATIONALE_MIN_LENGTH} to ${TEXT_MAX_LENGTH} characters` })
  rationale: string;
}
