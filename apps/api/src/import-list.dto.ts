import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBase64, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { LIST_FORMATS } from '@app/screening';

/** Uploaded list files are parsed in the api process: a bound keeps a request from stalling it. */
export const LIST_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export class ImportListDto {
  @ApiProperty({ enum: LIST_FORMATS, example: 'simple-csv' })
  @IsIn(LIST_FORMATS)
  format: string;

  @ApiPropertyOptional({ example: 'mofcom-uel.csv', description: 'recorded as the snapshot source' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^[^/\\\p{Cc}]+$/u, { message: '$property must be a file name without a folder' })
  fileName?: string;

  @ApiProperty({
    description: `the file, base64 (gzip accepted); at most ${LIST_UPLOAD_MAX_BYTES} bytes, inflated too`,
  })
  @IsString()
  @IsBase64()
  content: string;
}
