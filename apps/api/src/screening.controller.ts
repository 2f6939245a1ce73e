import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, Roles } from '@app/access';
import { ScreeningBatchDto, ScreeningCompareDto, ScreeningSearchDto, ScreeningSearchUseCase, type SearchResult } from '@app/screening';


@ApiTags('screening')
@Controller('v1/screening')
export class ScreeningController {
  constructor(private readonly screening: ScreeningSearchUseCase) {}

  @Post('search')
  @HttpCode(200)
  @Roles('admin')
  @RequirePermission('lists:read')
  @ApiOperation({ summary: 'Search the lists in force for one name, with explanations' })
  search(@Body() body: ScreeningSearchDto): SearchResult {
    return this.screening.search(body);
  }

  @Post('search:batch')
  @HttpCode(200)
  @Roles('admin')
  @RequirePermission('lists:read')
  @ApiOperation({ summary: 'Up to 1,000 searches; results in query order' })
  batch(@Body() body: ScreeningBatchDto): { results: SearchResult[] } {
    return { results: this.screening.batch(body.queries) };
  }

  @Post('compare')
  @HttpCode(200)
  @Roles('admin')
  @RequirePermission('lists:read')
  @ApiOperation({ summary: 'Score two names against each other, with the explanation' })
  compare(@Body() body: ScreeningCompareDto): ReturnType<ScreeningSearchUseCase['compare']> {
    return this.screening.compare(body.a, body.b);
  }
}
