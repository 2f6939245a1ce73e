import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CASE_FILE_FORMATS } from './export-case-file.use-case.js';

export class ExportCaseFileQueryDto {
  @ApiProperty({
    enum: CASE_FILE_FORMATS,
    description: 'pdf for people, json bundle for machines (same content)',
  })
  @IsIn(CASE_FILE_FORMATS)
  format: (typeof CASE_FILE_FORMATS)[number];
}
