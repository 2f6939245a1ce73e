import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import {
  ATTACHMENT_CONTENT_TYPES,
  CASE_CONCLUSIONS,
  CASE_STATUSES,
  type CaseConclusion,
  type CaseStatus,
} from './case-policy.js';

export class OpenCaseRequestDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  alertIds: string[];

  @ApiProperty({ example: 'Payer IVAN DEMOVICH PETROV: possible list match and rapid succession' })
  @IsString()
  @Length(1, 200)
  title: string;
}

export class AddCaseAlertsRequestDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  alertIds: string[];
}

export class CaseNoteRequestDto {
  @ApiProperty()
  @IsString()
  @Length(1, 10_000)
  body: string;
}

export class CaseAttachmentRequestDto {
  @ApiProperty({ example: 'wallet-kyc-record.pdf' })
  @IsString()
  @Length(1, 255)
  filename: string;

  @ApiProperty({ enum: ATTACHMENT_CONTENT_TYPES })
  @IsString()
  @Length(1, 100)
  contentType: string;

  @ApiProperty({
    description:
      'the file, base64; at most 5 MB decoded (and within the server body limit, BODY_LIMIT_BYTES)',
  })
  @IsString()
  contentBase64: string;
}

export class CaseStatusRequestDto {
  @ApiProperty({ enum: ['INVESTIGATING'] })
  @IsIn(CASE_STATUSES)
  status: CaseStatus;
}

export class CaseConclusionRequestDto {
  @ApiProperty({ enum: CASE_CONCLUSIONS })
  @IsIn(CASE_CONCLUSIONS)
  conclusion: CaseConclusion;

  @ApiProperty({ description: "the officer's narrative (mandatory)" })
  @IsString()
  @Length(1, 20_000)
  narrative: string;
}

export class CaseApprovalRequestDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  rationale?: string;
}

export class CaseRejectionRequestDto {
  @ApiProperty({ description: 'why the conclusion is sent back (mandatory)' })
  @IsString()
  @Length(1, 4000)
  rationale: string;
}

export class CaseQueryDto {
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  strRequired?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  alertId?: string;

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
