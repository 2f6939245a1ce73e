import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsCountryCode } from '@app/common';

export class IdentifierDto {
  @ApiProperty({ example: 'PASSPORT' })
  @IsString()
  @Matches(/^[A-Z_]{2,32}$/, { message: '$property must be an upper-case identifier type such as PASSPORT, NATIONAL_ID, IMO, LEI' })
  type: string;

  @ApiProperty({ example: 'A1234567' })
  @IsString()
  @Length(1, 80)
  number: string;

  @ApiPropertyOptional({ example: 'SY' })
  @IsOptional()
  @IsCountryCode()
  country?: string;
}

export class ScreeningSearchDto {
  @ApiProperty({ example: 'Mohammed al-Rashid' })
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiPropertyOptional({ enum: ['person', 'organisation', 'vessel', 'aircraft', 'any'], default: 'any' })
  @IsOptional()
  @IsIn(['person', 'organisation', 'vessel', 'aircraft', 'any'])
  type?: 'person' | 'organisation' | 'vessel' | 'aircraft' | 'any';

  @ApiPropertyOptional({ example: '1961', description: 'YYYY, YYYY-MM or YYYY-MM-DD' })
  @IsOptional()
  @Matches(/^\d{4}(-\d{2}(-\d{2})?)?$/, { message: '$property must be YYYY, YYYY-MM or YYYY-MM-DD' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 'SY' })
  @IsOptional()
  @IsCountryCode()
  nationality?: string;

  @ApiPropertyOptional({ type: [IdentifierDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IdentifierDto)
  identifiers?: IdentifierDto[];

  @ApiPropertyOptional({ example: 0.8, description: 'minimum score; defaults to the review threshold in force' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  threshold?: number;

  @ApiPropertyOptional({ example: 10, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class ScreeningBatchDto {
  @ApiProperty({ type: [ScreeningSearchDto], maxItems: 1000 })
  @IsArray()
  @ArrayMaxSize(1000, { message: '$property holds at most 1000 queries' })
  @ValidateNested({ each: true })
  @Type(() => ScreeningSearchDto)
  queries: ScreeningSearchDto[];
}

export class CompareSideDto {
  @ApiProperty({ example: 'ZHANG Wei-Ming' })
  @IsString()
  @Length(1, 300)
  name: string;

  @ApiPropertyOptional({ enum: ['person', 'organisation', 'vessel', 'aircraft', 'any'], default: 'any' })
  @IsOptional()
  @IsIn(['person', 'organisation', 'vessel', 'aircraft', 'any'])
  type?: 'person' | 'organisation' | 'vessel' | 'aircraft' | 'any';

  @ApiPropertyOptional({ example: '1975' })
  @IsOptional()
  @Matches(/^\d{4}(-\d{2}(-\d{2})?)?$/, { message: '$property must be YYYY, YYYY-MM or YYYY-MM-DD' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 'CN' })
  @IsOptional()
  @IsCountryCode()
  nationality?: string;
}

export class ScreeningCompareDto {
  @ApiProperty({ type: CompareSideDto })
  @ValidateNested()
  @Type(() => CompareSideDto)
  a: CompareSideDto;

  @ApiProperty({ type: CompareSideDto })
  @ValidateNested()
  @Type(() => CompareSideDto)
  b: CompareSideDto;
}
