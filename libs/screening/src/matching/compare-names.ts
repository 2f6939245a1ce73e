/**
 * compareNames: one query against one other party (both as ScreeningQuery), with the same pipeline the
 * index uses. The second party plays the list entry; its DOB, nationalities and identifiers qualify.
 */
import type { ListEntry } from '../domain/list-entry.js';
import type { NameComparison, ScreeningQuery, Thresholds } from '../domain/matcher.js';
import { bestNameMatch, nameKindFor, scoreEntry, type PreparedListName } from './entry-scoring.js';
import { TermTable, prepareName } from './name-model.js';
import { prepareQueryForms } from './sanctions-index.js';
import { queryDateRange } from './qualifiers.js';

function asListEntry(party: ScreeningQuery): ListEntry {
  const datesOfBirth: ListEntry['datesOfBirth'] = [];
  if (party.dateOfBirth !== undefined) {
    const range = queryDateRange(party.dateOfBirth);
    if (range !== null) {
      const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
      const kind = /^\d{4}$/.test(party.dateOfBirth) ? 'year' : /^\d{4}-\d{2}$/.test(party.dateOfBirth) ? 'month' : 'exact';
      datesOfBirth.push({ kind, from: iso(range.from), to: iso(range.to), text: party.dateOfBirth });
    }
  }
  const names: ListEntry['names'] = [{ full: party.name, strength: 'primary' }];
  if (party.originalScriptName !== undefined) names.push({ full: party.originalScriptName, strength: 'primary', originalScript: true });
  return {
    list: 'COMPARISON',
    sourceId: party.name,
    type: party.type === 'any' ? 'unknown' : party.type,
    names,
    datesOfBirth,
    nationalities: party.nationalities ?? [],
    identifiers: party.identifiers ?? [],
    addresses: [],
    programmes: [],
  };
}

export function compareNames(a: ScreeningQuery, b: ScreeningQuery, thresholds: Thresholds): NameComparison {
  const table = new TermTable();
  const queryForms = prepareQueryForms(a, table);
  const entry = asListEntry(b);
  const kind = nameKindFor(b.type === 'any' ? a.type : b.type);
  const listNames: PreparedListName[] = [];
  for (const name of entry.names) {
    for (const form of prepareName(name.full, kind, table)) listNames.push({ entryIndex: 0, strength: name.strength, display: name.full, form });
  }
  const personLike = a.type !== 'organisation' && a.type !== 'vessel' && a.type !== 'aircraft';
  const best = bestNameMatch(queryForms, listNames, personLike);
  const scored = scoreEntry(a, entry, best, thresholds);
  if (scored === null) {
    return {
      score: 0,
      band: 'NONE',
      explanation: { queryName: a.name, listName: b.name, nameStrength: 'primary', nameScore: 0, parts: [], qualifiers: [], corroborated: false },
    };
  }
  return { score: scored.score, band: scored.band, explanation: scored.explanation };
}
