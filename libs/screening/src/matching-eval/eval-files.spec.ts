import { describe, it, expect } from 'vitest';
import {
  alignFrozenScores,
  readCrossScriptPairs,
  readFrozenScores,
  readNomenklaturaPairs,
  readRomanisationPairs,
  readSyntheticPersons,
} from './eval-files.js';
import { countryCode } from './countries.js';

describe('readNomenklaturaPairs and alignFrozenScores', () => {
  const pairs = readNomenklaturaPairs(
    'case_group,schema,name1,name2,is_match,quality,category,notes\n' +
      'g,Person,Olaf Scholze,Olaf Scholz,true,STRONG,,\n' +
      'g,Company,"Acme, Inc",Acme Ltd,false,MEDIUM,cat,"a, note"\n' +
      'g,Person,New Pair,Other Pair,true,WEAK,,\n',
  );
  const frozen = readFrozenScores(
    'case_group,case_id,schema,name1,name2,is_match,quality,category,notes,score,predicted_match,outcome\n' +
      'g,c1,Person,Olaf Scholze,Olaf Scholz,true,STRONG,,,0.9286,true,TP\n' +
      'g,c2,Company,"Acme, Inc",Acme Ltd,false,MEDIUM,cat,,0.71,true,FP\n',
  );

  it('reads labels, quoted commas and notes', () => {
    expect(pairs).toHaveLength(3);
    expect(pairs[1]).toMatchObject({
      schema: 'Company',
      nameA: 'Acme, Inc',
      isMatch: false,
      notes: 'a, note',
    });
    expect(frozen[1]).toMatchObject({ caseId: 'c2', score: 0.71, predictedMatch: true, outcome: 'FP' });
  });

  it('aligns frozen rows to pairs by schema and names, leaving new pairs unaligned', () => {
    const aligned = alignFrozenScores(pairs, frozen);
    expect(aligned.map((a) => a?.caseId)).toEqual(['c1', 'c2', undefined]);
  });
});

describe('readCrossScriptPairs', () => {
  it('skips comments and remembers the section heading', () => {
    const rows = readCrossScriptPairs(
      '# header\n\n# Arabic to Latin (good: 0.8)\nمحمد علي,Mohamed Ali,0.90,Common name\n',
    );
    expect(rows).toEqual([
      {
        query: 'محمد علي',
        expected: 'Mohamed Ali',
        minScore: 0.9,
        description: 'Common name',
        section: 'Arabic to Latin',
      },
    ]);
  });
});

describe('readSyntheticPersons', () => {
  it('reads the innocents file layout', () => {
    const rows = readSyntheticPersons(
      'full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality\n' +
        'Kathryn Barr,Kathryn,,Barr,female,1966-07-06,Karachi,United Arab Emirates\n',
    );
    expect(rows[0]).toMatchObject({
      fullName: 'Kathryn Barr',
      dateOfBirth: '1966-07-06',
      nationality: 'United Arab Emirates',
    });
    expect(countryCode(rows[0]?.nationality ?? '')).toBe('AE');
    expect(countryCode('Atlantis')).toBeUndefined();
  });
});

describe('readRomanisationPairs', () => {
  it('reads the romanisation pair layout and rejects bad labels', () => {
    const rows = readRomanisationPairs(
      'case_id,name_a,name_b,is_match,category,notes\ncn-1,张伟,Zhang Wei,true,han-pinyin,\n',
    );
    expect(rows[0]).toMatchObject({
      caseId: 'cn-1',
      nameA: '张伟',
      nameB: 'Zhang Wei',
      isMatch: true,
      category: 'han-pinyin',
    });
    expect(() =>
      readRomanisationPairs('case_id,name_a,name_b,is_match,category,notes\nx,a,b,maybe,c,\n'),
    ).toThrow();
  });
});
