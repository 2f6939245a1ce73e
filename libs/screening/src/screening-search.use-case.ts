import { DomainError, ValidationError } from '@app/common';
import type { Band, MatchExplanation, ScreeningQuery, Thresholds } from './domain/matcher.js';
import { compareNames } from './matching/index.js';
import type { ScreeningIndex } from './screening-index.js';
import type { CompareSideDto, ScreeningSearchDto } from './screening-search.dto.js';

export interface SearchMatch {
  list: string;
  sourceId: string;
  type: string;
  primaryName: string;
  matchedName: string;
  score: number;
  band: Band;
  entryVersion: string;
  programmes: string[];
  explanation: MatchExplanation;
}

export interface SearchResult {
  listSnapshots: string[];
  matches: SearchMatch[];
}

function toQuery(input: ScreeningSearchDto | CompareSideDto): ScreeningQuery {
  return {
    name: input.name,
    type: input.type ?? 'any',
    dateOfBirth: input.dateOfBirth,
    nationalities: input.nationality ? [input.nationality] : undefined,
    identifiers: 'identifiers' in input ? input.identifiers : undefined,
  };
}

/** Officers' and systems' ad-hoc screening against the index in force: search, batch search, compare two names. */
export class ScreeningSearchUseCase {
  constructor(
    private readonly index: ScreeningIndex,
    private readonly thresholds: () => Thresholds,
  ) {}

  search(input: ScreeningSearchDto): SearchResult {
    return this.batch([input])[0];
  }

  batch(inputs: ScreeningSearchDto[]): SearchResult[] {
    const generation = this.index.current;
    if (!generation) throw new DomainError('SERVICE_UNAVAILABLE', 'The sanctions index is not loaded yet; retry shortly');
    const thresholds = this.thresholds();
    return inputs.map((input) => ({
      listSnapshots: generation.snapshotLabels,
      matches: this.index.search(generation, toQuery(input), thresholds, { threshold: input.threshold ?? thresholds.review, limit: input.limit ?? 10 }).map((match) => ({
        list: match.entry.list,
        sourceId: match.entry.sourceId,
        type: match.entry.type,
        primaryName: match.entry.names.find((name) => name.strength === 'primary')?.full ?? match.entry.names[0]?.full ?? '',
        matchedName: match.matchedName,
        score: match.score,
        band: match.band,
        entryVersion: match.fingerprint,
        programmes: match.entry.programmes,
        explanation: match.explanation,
      })),
    }));
  }

  compare(a: CompareSideDto, b: CompareSideDto): { score: number; band: Band; explanation: MatchExplanation } {
    if (!a.name.trim() || !b.name.trim()) {
      throw new ValidationError('Both names are needed', [{ path: a.name.trim() ? 'b.name' : 'a.name', message: 'name must not be blank' }]);
    }
    const result = compareNames(toQuery(a), toQuery(b), this.thresholds());
    return { score: result.score, band: result.band, explanation: result.explanation };
  }
}
