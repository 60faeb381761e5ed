import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AGGIR,
  AGGIR_VARIABLES,
  aggirCodesOf,
  compositeCode,
  girOfRank,
  scoreAggirCodes,
  type TAggirCodes,
  type TAggirGroup,
} from './aggir.js';
import type { TAggirCode } from './instrument.types.js';

/** 'CBAA…' in the order cohérence, orientation, toilette, habillage, alimentation, élimination,
 * transferts, déplacements intérieurs → the eight codes. */
function codesOf(letters: string): TAggirCodes {
  assert.equal(letters.length, 8);
  return Object.fromEntries(
    AGGIR_VARIABLES.map((variable, index) => [variable, letters[index] as TAggirCode]),
  ) as TAggirCodes;
}

describe('AGGIR: the sanity cases of instruments.md', () => {
  it('all C → GIR 1 (group A total 4440 ≥ 4380, rank 1)', () => {
    assert.deepEqual(scoreAggirCodes(codesOf('CCCCCCCC')), {
      gir: 1,
      rank: 1,
      group: 'A',
      totals: { A: 4440 },
    });
  });
  it('all A → GIR 6 (every group totals 0, rank 13)', () => {
    const score = scoreAggirCodes(codesOf('AAAAAAAA'));
    assert.deepEqual([score.gir, score.rank, score.group], [6, 13, 'H']);
  });
  it('all B → GIR 4 (group G total 1100 ≥ 650, rank 10)', () => {
    const score = scoreAggirCodes(codesOf('BBBBBBBB'));
    assert.deepEqual([score.gir, score.rank, score.group, score.totals.G], [4, 10, 'G', 1100]);
  });
});

/*
 * Coded situations and their GIR, worked out by hand from the official weights (annex 2-2).
 * Codes in the order coh, ori, toil, hab, alim, élim, transf, dépl. int.; the comment gives each
 * group's total up to the one whose threshold is reached (A ≥ 4380/4140/3390 → 1/2/3; B ≥ 2016 → 4;
 * C ≥ 1700/1432 → 5/6; D ≥ 2400 → 7; E ≥ 1200 → 8; F ≥ 800 → 9; G ≥ 650 → 10;
 * H ≥ 4000/2000 → 11/12, else 13). Rank → GIR: 1 → 1; 2–7 → 2; 8–9 → 3; 10–11 → 4; 12 → 5; 13 → 6.
 */
const SITUATIONS: [codes: string, gir: number, rank: number, group: TAggirGroup][] = [
  ['CCCCCCCC', 1, 1, 'A'], // A 4440
  ['AAAAAAAA', 6, 13, 'H'], // A 0, B 0, C 0, D 0, E 0, F 0, G 0, H 0
  ['BBBBBBBB', 4, 10, 'G'], // A 220, B 568, C 312, D 600, E 500, F 700, G 1100
  ['CCCCCCBB', 2, 3, 'A'], // A 3592
  ['CCBBBBCC', 2, 2, 'A'], // A 4268
  ['CBCCCCCC', 2, 4, 'B'], // A 3240, B 2580
  ['BCCCCCCC', 2, 4, 'B'], // A 2440, B 2480
  ['CCAAAAAA', 2, 4, 'B'], // A 3200, B 2700
  ['CCBBBBBB', 2, 3, 'A'], // A 3420
  ['BBCCCCCC', 2, 5, 'C'], // A 1240, B 1400, C 1700
  ['ABCCCCCC', 2, 5, 'C'], // A 1240, B 1080, C 1700
  ['BACCCCCC', 2, 5, 'C'], // A 1240, B 1280, C 1700
  ['ACBBBBBB', 4, 10, 'G'], // A 1420, B 1328, C 312, D 600, E 900, F 700, G 1250
  ['BBBBBBCC', 2, 6, 'C'], // A 1068, B 1208, C 1472
  ['AACCCCCC', 2, 5, 'C'], // A 1240, B 960, C 1700
  ['AACCCCBB', 2, 7, 'D'], // A 392, B 320, C 540, D 2600
  ['AAAACACC', 2, 6, 'C'], // A 1060, B 780, C 1460
  ['AAAABACB', 4, 10, 'G'], // A 852, B 760, C 1060, D 2200, E 900, F 600, G 700
  ['AABBBBCB', 2, 7, 'D'], // A 900, B 808, C 1112, D 2400
  ['AAAAAACC', 5, 12, 'H'], // A 1000, B 720, C 1400, D 2200, E 1000, F 700, G 600, H 2000
  ['AAACCACA', 2, 7, 'D'], // A 900, B 900, C 1100, D 4000
  ['AABBBBBB', 4, 10, 'G'], // A 220, B 128, C 312, D 600, E 500, F 500, G 1100
  ['BBAAAAAA', 6, 13, 'H'], // A 0, B 440, C 0, D 0, E 0, F 200, G 0, H 0
  ['CAAAAAAA', 6, 13, 'H'], // A 2000, B 1500, C 0, D 0, E 400, F 200, G 150, H 0
  ['ACAAAAAA', 6, 13, 'H'], // A 1200, B 1200, C 0, D 0, E 400, F 200, G 150, H 0
  ['AABBAAAA', 4, 11, 'H'], // A 32, B 32, C 32, D 0, E 200, F 200, G 400, H 4000
  ['AAAABBBB', 4, 10, 'G'], // A 188, B 96, C 280, D 600, E 300, F 300, G 700
  ['AAAAAABA', 5, 12, 'H'], // A 120, B 120, C 200, D 200, E 100, F 100, G 200, H 2000
  ['AAAAAAAB', 6, 13, 'H'], // A 32, B -40, C 40, D 0, E 0, F 0, G 100, H 1000
  ['AAAAABAA', 5, 12, 'H'], // A 16, B 16, C 20, D 200, E 100, F 100, G 200, H 2000
  ['AABAAAAA', 5, 12, 'H'], // A 16, B 16, C 16, D 0, E 100, F 100, G 200, H 2000
  ['AAAAACAA', 5, 12, 'H'], // A 100, B 100, C 160, D 400, E 800, F 500, G 500, H 3000
  ['AACCAAAA', 3, 9, 'F'], // A 80, B 80, C 80, D 0, E 800, F 1000
  ['ABAABAAB', 5, 12, 'H'], // A 52, B 80, C 60, D 200, E 100, F 200, G 300, H 3000
  ['BBBBAAAA', 4, 11, 'H'], // A 32, B 472, C 32, D 0, E 200, F 400, G 400, H 4000
  ['AAABAAAA', 5, 12, 'H'], // A 16, B 16, C 16, D 0, E 100, F 100, G 200, H 2000
  ['AAAAAABB', 5, 12, 'H'], // A 152, B 80, C 240, D 200, E 100, F 100, G 300, H 3000
  ['BABBABBA', 4, 10, 'G'], // A 168, B 488, C 252, D 400, E 400, F 500, G 800
  ['CCCCAAAA', 2, 4, 'B'], // A 3280, B 2780
  ['CBBBBBBB', 3, 9, 'F'], // A 2220, B 1748, C 312, D 600, E 900, F 800
  ['AACCCAAA', 3, 8, 'E'], // A 140, B 140, C 140, D 2000, E 1200
  ['BACCCAAA', 3, 8, 'E'], // A 140, B 460, C 140, D 2000, E 1200
  ['AAAAAACA', 6, 13, 'H'], // A 800, B 800, C 1000, D 2000, E 800, F 500, G 400, H 1000
  ['AACCCBAB', 3, 8, 'E'], // A 188, B 116, C 200, D 2200, E 1300
  ['BBBBBCBA', 3, 8, 'E'], // A 272, B 692, C 412, D 800, E 1200
];

describe('AGGIR: coded situations worked out by hand', () => {
  it('covers every rank from 1 to 13 and at least 30 situations', () => {
    assert.ok(SITUATIONS.length >= 30);
    assert.deepEqual(
      [...new Set(SITUATIONS.map(([, , rank]) => rank))].sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
    );
  });
  for (const [letters, gir, rank, group] of SITUATIONS) {
    it(`${letters} → GIR ${gir} (rank ${rank}, group ${group})`, () => {
      const score = scoreAggirCodes(codesOf(letters));
      assert.deepEqual([score.gir, score.rank, score.group], [gir, rank, group]);
    });
  }
  it('reports the totals of the groups walked, the deciding one last', () => {
    assert.deepEqual(scoreAggirCodes(codesOf('AACCCCBB')).totals, {
      A: 392,
      B: 320,
      C: 540,
      D: 2600,
    });
  });
});

describe('AGGIR: rank → GIR', () => {
  it('maps 1 → 1, 2–7 → 2, 8–9 → 3, 10–11 → 4, 12 → 5, 13 → 6', () => {
    const girs = Array.from({ length: 13 }, (_, index) => girOfRank(index + 1));
    assert.deepEqual(girs, [1, 2, 2, 2, 2, 2, 2, 3, 3, 4, 4, 5, 6]);
  });
});

const CODES: TAggirCode[] = ['A', 'B', 'C'];
const pairs = CODES.flatMap((first) => CODES.map((second) => `${first}${second}`));

describe('AGGIR: composite variables, every combination', () => {
  it('toilette (haut / bas): AA → A, CC → C, otherwise B', () => {
    const expected = {
      AA: 'A',
      AB: 'B',
      AC: 'B',
      BA: 'B',
      BB: 'B',
      BC: 'B',
      CA: 'B',
      CB: 'B',
      CC: 'C',
    };
    for (const pair of pairs) {
      assert.equal(
        compositeCode('toilette', pair.split('') as TAggirCode[]),
        expected[pair as keyof typeof expected],
        pair,
      );
    }
  });
  it('alimentation (se servir / manger): AA → A; CC, BC, CB → C; otherwise B', () => {
    const expected = {
      AA: 'A',
      AB: 'B',
      AC: 'B',
      BA: 'B',
      BB: 'B',
      BC: 'C',
      CA: 'B',
      CB: 'C',
      CC: 'C',
    };
    for (const pair of pairs) {
      assert.equal(
        compositeCode('alimentation', pair.split('') as TAggirCode[]),
        expected[pair as keyof typeof expected],
        pair,
      );
    }
  });
  it('élimination, orientation, cohérence: AA → A; any C → C; otherwise B', () => {
    const expected = {
      AA: 'A',
      AB: 'B',
      AC: 'C',
      BA: 'B',
      BB: 'B',
      BC: 'C',
      CA: 'C',
      CB: 'C',
      CC: 'C',
    };
    for (const pair of pairs) {
      assert.equal(
        compositeCode('anyC', pair.split('') as TAggirCode[]),
        expected[pair as keyof typeof expected],
        pair,
      );
    }
  });
  it('habillage (haut / moyen / bas): AAA → A, CCC → C, the 25 others → B', () => {
    const triples = pairs.flatMap((pair) => CODES.map((third) => `${pair}${third}`));
    assert.equal(triples.length, 27);
    for (const triple of triples) {
      const expected = triple === 'AAA' ? 'A' : triple === 'CCC' ? 'C' : 'B';
      assert.equal(compositeCode('habillage', triple.split('') as TAggirCode[]), expected, triple);
    }
  });
});

/** A full grid of sub-variable answers, all coded `code`, with overrides. */
function grid(code: TAggirCode, overrides: Record<string, TAggirCode> = {}) {
  const answers: Record<string, TAggirCode> = {};
  for (const section of AGGIR.sections) for (const item of section.items) answers[item.id] = code;
  return { ...answers, ...overrides };
}

describe('AGGIR as an instrument (sub-variables in)', () => {
  it('combines the sub-variables into the eight codes before scoring', () => {
    const answers = grid('A', {
      coherenceCommunication: 'B',
      coherenceComportement: 'C', // any C → C
      toiletteHaut: 'A',
      toiletteBas: 'C', // AC → B
      habillageHaut: 'C',
      habillageMoyen: 'C',
      habillageBas: 'C', // CCC → C
      alimentationSeServir: 'B',
      alimentationManger: 'C', // BC → C
      eliminationUrinaire: 'B',
      eliminationFecale: 'A', // BA → B
    });
    assert.deepEqual(aggirCodesOf(answers), codesOf('CABCCBAA'));
    const result = AGGIR.score(answers);
    // A: 2000+16+40+60+16 = 2132; B: 1500+16+40+60+16 = 1632; C: 16+40+60+20 = 136;
    // D: 2000+200 = 2200; E: 400+100+400+400+100 = 1400 ≥ 1200 → rank 8 → GIR 3
    assert.deepEqual([result?.gir, result?.rank, result?.group], [3, 8, 'E']);
  });
  it('records the illustrative variables and the two outdoor ones without scoring them', () => {
    const base = AGGIR.score(grid('B'));
    const changed = AGGIR.score(
      grid('B', {
        deplacementsExterieurs: 'C',
        communicationDistance: 'C',
        gestion: 'C',
        cuisine: 'C',
        menage: 'C',
        transports: 'C',
        achats: 'C',
        suiviTraitement: 'C',
        activitesTempsLibre: 'A',
      }),
    );
    assert.deepEqual(changed, base);
    const unscored = AGGIR.sections.flatMap((s) => s.items).filter((item) => !item.scored);
    assert.deepEqual(
      unscored.map((item) => item.id),
      [
        'deplacementsExterieurs',
        'communicationDistance',
        'gestion',
        'cuisine',
        'menage',
        'transports',
        'achats',
        'suiviTraitement',
        'activitesTempsLibre',
      ],
    );
  });
  it('gives no result while a scored sub-variable is unanswered or not a code', () => {
    const { habillageMoyen: _, ...missing } = grid('A');
    assert.equal(AGGIR.score(missing), null);
    assert.equal(AGGIR.score({ ...grid('A'), transferts: 'D' }), null);
  });
});
