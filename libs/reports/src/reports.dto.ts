import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { REPORT_FORMATS } from './download-report.use-case.js';

export const REPORT_TYPES = ['LTR', 'STR', 'STATS', 'OVERDUE_ALERTS', 'CORRECTION'] as const;
export const REPORT_STATUSES = ['DRAFT', 'APPROVED', 'EXPORTED', 'SUPERSEDED'] as const;

export class ListReportsQueryDto {
  @ApiPropertyOptional({ enum: REPORT_TYPES })
  @IsOptional()
  @IsIn(REPORT_TYPES)
  type?: (typeof REPORT_TYPES)[number];

  @ApiPropertyOptional({
    example: '2026-11-25',
    description: 'a Beijing day (LTR), month YYYY-MM (STATS) or ISO week YYYY-Www (OVERDUE_ALERTS)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-(\d{2}(-\d{2})?|W\d{2})$/, { message: 'period must be YYYY-MM-DD, YYYY-MM or YYYY-Www' })
  period?: string;

  @ApiPropertyOptional({ enum: REPORT_STATUSES })
  @IsOptional()
  @IsIn(REPORT_STATUSES)
  status?: (typeof REPORT_STATUSES)[number];

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class DownloadReportQueryDto {
  @ApiProperty({ enum: REPORT_FORMATS })
  @IsIn(REPORT_FORMATS)
  format: (typeof REPORT_FORMATS)[number];
}
