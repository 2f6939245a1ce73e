import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CRON_MAX_LENGTH } from './cron.js';

export class UpdateReportScheduleDto {
  @ApiPropertyOptional({ description: 'false stops the scheduled runs (the schedule is kept)' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    example: '0 1 * * *',
    description: 'five fields: minute hour day-of-month month day-of-week, in the schedule time zone',
  })
  @IsOptional()
  @IsString()
  @Length(1, CRON_MAX_LENGTH)
  cron?: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timezone?: string;
}

export const RUNNABLE_REPORT_TYPES = ['LTR', 'STATS', 'OVERDUE_ALERTS'] as const;

export class RunReportDto {
  @ApiProperty({ enum: RUNNABLE_REPORT_TYPES })
  @IsIn(RUNNABLE_REPORT_TYPES)
  type: (typeof RUNNABLE_REPORT_TYPES)[number];

  @ApiProperty({
    example: '2026-11-25',
    description:
      'a Beijing day (LTR), month YYYY-MM (STATS) or ISO week YYYY-Www (OVERDUE_ALERTS), already over',
  })
  @IsString()
  @Length(1, 16)
  period: string;
}
