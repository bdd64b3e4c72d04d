import { notFound } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import {
  blocRanking,
  formBloc,
  getBloc,
  getBlocScore,
  listBlocs,
  proposeBlocFlag,
  scoreBlocMember,
} from '../../src/app/blocs.ts';
import type { Units } from '../../src/app/movement-ports.ts';
import { getNomination } from '../../src/app/nominations.ts';
import type { EmulationDeps } from '../../src/app/ports.ts';
import { as, depsOn, outcome } from './world.ts';

/**
 * Emulation blocs on DynamoDB Local, on a tree of their own: an upper level with the seven
 * CĐCS of a bloc (seed 002's bloc II has seven) and one more, and a sibling upper level.
 *
 *   province ─ cdvc ─ k1 … k7, k8
 *            └ other ─ o1
 */
const PARENT: Record<string, string | null> = { province: null, cdvc: 'province', other: 'province', o1: 'other' };
for (let i = 1; i <= 8; i++) PARENT[`k${i}`] = 'cdvc';
const within = (ancestor: string, unit: string) => {
  for (let u: string | null | undefined = unit; u; u = PARENT[u]) if (u === ancestor) return true;
  return false;
};
const units: Units = {
  async assertInScope(caller, unitId) {
    if (!(unitId in PARENT) || (caller.unitId !== null && !within(caller.unitId, unitId)))
      throw notFound({ vi: 'đơn vị', en: 'unit' }, unitId);
  },
  isWithin: async (a, u) => within(a, u),
  nameOf: async (unitId) => (unitId in PARENT ? `CĐCS ${unitId}` : undefined),
  async chain(unitId) {
    const chain: string[] = [];
    for (let u: string | null | undefined = unitId; u; u = PARENT[u]) chain.push(u);
    return chain;
  },
  async visible(caller, found, unitOf, what, id) {
    if (!found || (caller.unitId !== null && !within(caller.unitId, unitOf(found)))) throw notFound(what, id);
    return found;
  },
  childrenOf: async (unitId) =>
    Object.keys(PARENT)
      .filter((u) => PARENT[u] === unitId)
      .map((id) => ({ id, name: `CĐCS ${id}` })),
  levelOf: async (unitId) =>
    unitId === 'province' ? 'province' : PARENT[unitId] === 'province' ? 'upper' : 'grassroots',
  subtree: async (unitId) => Object.keys(PARENT).filter((u) => within(unitId, u)),
  // Blocs never ask when a unit was founded or merged.
  operationOf: async () => undefined,
};

let db: Db;
let deps: EmulationDeps;
const SEVEN = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'];
const CRITERIA = [
  { code: 'tasks', name: 'Nhiệm vụ chính trị', maxPoints: 40 },
  { code: 'care', name: 'Chăm lo đoàn viên', maxPoints: 30 },
  { code: 'movements', name: 'Phong trào thi đua', maxPoints: 30 },
];
const form = (code: string, year: number, extra: Record<string, unknown> = {}) =>
  formBloc(deps, as('cdvc'), {
    organiserUnitId: 'cdvc',
    code,
    name: `Khối thi đua ${code}`,
    year,
    memberUnitIds: SEVEN,
    pact: { signedOn: `${year}-02-15`, documentNumber: `01/GƯ-${code}` },
    criteria: CRITERIA,
    ...extra,
  });
const points = (tasks: number, care: number, movements: number) => [
  { criterion: 'tasks', points: tasks },
  { criterion: 'care', points: care },
  { criterion: 'movements', points: movements },
];
const score = (
  blocId: string,
  unitId: string,
  p: readonly { criterion: string; points: number; reason?: string }[],
  by = 'cdvc',
) => scoreBlocMember(deps, as(by, '2026-01-10T03:00:00Z'), blocId, unitId, { scores: p, on: '2026-01-10' }, undefined);

beforeAll(async () => {
  db = await freshTable('emulation');
  deps = { ...depsOn(db, []), units };
});

describe('forming a bloc', () => {
  it('groups peer units below the organiser with its pact, the policy’s default criteria and their source', async () => {
    const bloc = await formBloc(deps, as('cdvc'), {
      organiserUnitId: 'cdvc',
      code: 'khoi-defaults',
      name: 'Khối thi đua II',
      year: 2025,
      memberUnitIds: SEVEN,
      leaderUnitId: 'k3',
      pact: { signedOn: '2025-02-20', documentNumber: '02/GƯTĐ-KII' },
    });
    expect(bloc).toMatchObject({
      members: SEVEN.map((unitId) => ({ unitId, name: `CĐCS ${unitId}` })),
      leader: { unitId: 'k3', basis: 'named' },
      pact: { documentNumber: '02/GƯTĐ-KII' },
      criteriaSource: { kind: 'policy', certainty: 'unsure' },
      rotation: { rule: 'top-ranked-other-than-leader' },
      flagProposal: null,
    });
    expect(bloc.criteria.reduce((s, c) => s + c.maxPoints, 0)).toBe(100);
    expect(await outcome(form('khoi-defaults', 2025, { leaderUnitId: 'k1' }))).toBe('conflict:bloc-exists');
  });

  it('refuses members outside the organiser’s subtree, repeated, or the organiser itself, and a caller outside', async () => {
    const members = async (memberUnitIds: string[]) =>
      outcome(form('khoi-bad', 2025, { memberUnitIds, leaderUnitId: 'k1' }));
    expect(await members(['k1', 'o1'])).toBe('unprocessable:bloc-members-invalid');
    expect(await members(['k1', 'k1', 'k2'])).toBe('unprocessable:bloc-members-invalid');
    expect(await members(['k1', 'cdvc'])).toBe('unprocessable:bloc-members-invalid');
    expect(await outcome(form('khoi-bad', 2025, { leaderUnitId: 'k8' }))).toBe('unprocessable:bloc-members-invalid');
    expect(await outcome(form('khoi-bad', 2025))).toBe('unprocessable:bloc-leader-required');
    expect(
      await outcome(
        formBloc(deps, as('other'), {
          organiserUnitId: 'cdvc',
          code: 'khoi-bad',
          name: 'x',
          year: 2025,
          memberUnitIds: ['k1', 'k2'],
          leaderUnitId: 'k1',
          pact: { signedOn: '2025-02-15', documentNumber: '1' },
        }),
      ),
    ).toBe('not-found:not-found');
  });

  it('is seen at or above its organiser and by its members, and by no one else', async () => {
    const bloc = await form('khoi-seen', 2024, { leaderUnitId: 'k2', memberUnitIds: ['k1', 'k2'] });
    expect((await listBlocs(deps, { unitId: 'k1' }, 2024)).items.map((b) => b.id)).toContain(bloc.id);
    expect((await listBlocs(deps, { unitId: 'province' }, 2024)).items.map((b) => b.id)).toContain(bloc.id);
    expect((await listBlocs(deps, { unitId: 'k5' }, 2024)).items).toEqual([]);
    expect((await listBlocs(deps, { unitId: 'o1' }, 2024)).items).toEqual([]);
    expect(await outcome(getBloc(deps, { unitId: 'k5' }, bloc.id))).toBe('not-found:not-found');
    expect(await outcome(getBloc(deps, { unitId: 'o1' }, bloc.id))).toBe('not-found:not-found');
    expect((await getBloc(deps, { unitId: 'k2' }, bloc.id)).leader.unitId).toBe('k2');
  });
});

describe('scoring and ranking a bloc', () => {
  it('takes points from the leader or the organiser’s level, each within its maximum, a change only with its reason', async () => {
    const bloc = await form('khoi-score', 2025, { leaderUnitId: 'k1' });
    expect((await score(bloc.id, 'k2', points(35, 25, 20), 'k1')).total).toBe(80);
    expect(await outcome(score(bloc.id, 'k3', points(35, 25, 20), 'k2'))).toBe('forbidden:bloc-scorer-only');
    expect(await outcome(score(bloc.id, 'k3', points(41, 25, 20)))).toBe('unprocessable:bloc-criteria-invalid');
    expect(await outcome(score(bloc.id, 'k3', [{ criterion: 'unknown', points: 1 }]))).toBe(
      'unprocessable:bloc-criteria-invalid',
    );
    expect(await outcome(score(bloc.id, 'k8', points(1, 1, 1)))).toBe('not-found:not-found');
    expect(await outcome(score(bloc.id, 'k2', [{ criterion: 'care', points: 22 }]))).toBe(
      'unprocessable:bloc-adjustment-needs-reason',
    );
    const adjusted = await score(bloc.id, 'k2', [{ criterion: 'care', points: 22, reason: 'Thiếu minh chứng quý IV' }]);
    expect(adjusted.total).toBe(77);
    expect(adjusted.scores.find((s) => s.criterion === 'care')).toMatchObject({
      points: 22,
      adjustments: [{ from: 25, to: 22, reason: 'Thiếu minh chứng quý IV', on: '2026-01-10' }],
    });
    const stale = scoreBlocMember(
      deps,
      as('cdvc'),
      bloc.id,
      'k2',
      { scores: [{ criterion: 'tasks', points: 30, reason: 'Chấm lại' }], on: '2026-01-10' },
      1,
    );
    expect(await outcome(stale)).toBe('precondition-failed:stale-version');
    expect((await getBlocScore(deps, { unitId: 'k2' }, bloc.id, 'k2')).version).toBe(2);
    expect(await outcome(getBlocScore(deps, { unitId: 'o1' }, bloc.id, 'k2'))).toBe('not-found:not-found');
  });

  it('loses no update when scorers race on one unit', async () => {
    const bloc = await form('khoi-race', 2025, { leaderUnitId: 'k1' });
    const racers = CRITERIA.map((c, i) =>
      scoreBlocMember(
        deps,
        as(i % 2 === 0 ? 'k1' : 'cdvc', '2026-01-10T03:00:00Z'),
        bloc.id,
        'k4',
        { scores: [{ criterion: c.code, points: 10 + i }], on: '2026-01-10' },
        undefined,
      ),
    );
    await Promise.all(racers);
    const sheet = await getBlocScore(deps, { unitId: null }, bloc.id, 'k4');
    expect(sheet).toMatchObject({ total: 33, complete: true, version: 3 });
    // Two scorers who read version 3 and both send If-Match: exactly one lands.
    const results = await Promise.all(
      [20, 21].map((p) =>
        outcome(
          scoreBlocMember(
            deps,
            as('cdvc'),
            bloc.id,
            'k4',
            { scores: [{ criterion: 'tasks', points: p, reason: `Chấm lại ${p}` }], on: '2026-01-10' },
            3,
          ),
        ),
      ),
    );
    expect(results.sort()).toEqual(['ok', 'precondition-failed:stale-version']);
    const after = await getBlocScore(deps, { unitId: null }, bloc.id, 'k4');
    expect(after.version).toBe(4);
    expect(after.scores[0]!.adjustments).toHaveLength(1);
  });

  it('orders by total, then each criterion in the bloc’s order; units equal on every criterion share the rank', async () => {
    const bloc = await form('khoi-rank', 2025, { leaderUnitId: 'k1' });
    await score(bloc.id, 'k1', points(30, 30, 25)); // 85
    await score(bloc.id, 'k2', points(38, 27, 25)); // 90, first
    await score(bloc.id, 'k3', points(35, 30, 20)); // 85, tasks 35 > k1's 30
    await score(bloc.id, 'k4', points(30, 30, 25)); // 85, equal to k1 on every criterion
    await score(bloc.id, 'k5', points(20, 20, 20));
    await score(bloc.id, 'k6', points(10, 10, 10));
    let ranking = await blocRanking(deps, { unitId: 'k6' }, bloc.id);
    expect(ranking.complete).toBe(false);
    expect(ranking.nextLeader).toBeNull();
    expect(ranking.entries.at(-1)).toMatchObject({ unitId: 'k7', total: 0, complete: false });
    expect(await outcome(proposeBlocFlag(deps, as('cdvc'), bloc.id, { on: '2026-01-20' }))).toBe(
      'conflict:bloc-scores-incomplete',
    );
    await score(bloc.id, 'k7', points(5, 5, 5));
    ranking = await blocRanking(deps, { unitId: 'k6' }, bloc.id);
    expect(ranking.complete).toBe(true);
    expect(ranking.entries.map((e) => [e.unitId, e.rank, e.total, e.tied])).toEqual([
      ['k2', 1, 90, false],
      ['k3', 2, 85, false],
      ['k1', 3, 85, true],
      ['k4', 3, 85, true],
      ['k5', 5, 60, false],
      ['k6', 6, 30, false],
      ['k7', 7, 15, false],
    ]);
    expect(ranking.rule.en).toContain('the first criterion first');
    // Next year's leader: the highest-ranked unit other than this year's leader k1.
    expect(ranking.nextLeader).toMatchObject({ year: 2026, unitId: 'k2', rule: 'top-ranked-other-than-leader' });
  });

  it('derives next year’s leader from the year’s order, and says why', async () => {
    const previous = await form('khoi-rotate', 2024, { leaderUnitId: 'k2' });
    const sheets = [points(30, 20, 20), points(40, 30, 25), points(40, 20, 20), points(20, 20, 20)];
    for (const [i, unitId] of SEVEN.entries()) await score(previous.id, unitId, sheets[i] ?? points(10 - i, 10, 10));
    const next = await form('khoi-rotate', 2025);
    // k2 (the 2024 leader) ranked first; the lead goes to the best of the others, k3.
    expect(next.leader).toMatchObject({ unitId: 'k3', basis: 'rotation' });
    expect(next.leader.reason.vi).toContain('xếp thứ 2 năm 2024');
    expect((await getBloc(deps, { unitId: 'k3' }, next.id)).leader.unitId).toBe('k3');
  });
});

describe('the flag proposal', () => {
  it('nominates the top unit for the emulation flag, once, and closes the scores', async () => {
    const bloc = await form('khoi-flag', 2025, { leaderUnitId: 'k1' });
    for (const [i, unitId] of SEVEN.entries()) await score(bloc.id, unitId, points(40 - i, 25, 25));
    expect(await outcome(proposeBlocFlag(deps, as('k1'), bloc.id, { on: '2026-01-20' }))).toBe(
      'forbidden:bloc-organiser-only',
    );
    expect(
      await outcome(proposeBlocFlag(deps, as('cdvc'), bloc.id, { titleCode: 'lao-dong-tien-tien', on: '2026-01-20' })),
    ).toBe('unprocessable:not-a-flag');
    const proposals = await Promise.all(
      [1, 2, 3].map(() => outcome(proposeBlocFlag(deps, as('cdvc'), bloc.id, { on: '2026-01-20' }))),
    );
    expect(proposals.sort()).toEqual(['conflict:bloc-flag-proposed', 'conflict:bloc-flag-proposed', 'ok']);
    const proposed = await getBloc(deps, { unitId: 'cdvc' }, bloc.id);
    expect(proposed.flagProposal).toMatchObject({
      unitId: 'k1',
      titleCode: 'co-thi-dua-cap-tinh',
      total: 90,
      proposedOn: '2026-01-20',
    });
    const nomination = await getNomination(deps, { unitId: 'cdvc' }, proposed.flagProposal!.nominationId!);
    expect(nomination).toMatchObject({
      proposingUnitId: 'cdvc',
      titleCode: 'co-thi-dua-cap-tinh',
      year: 2025,
      candidate: { kind: 'unit', unitId: 'k1' },
      status: 'proposed',
    });
    expect(nomination.achievements).toContain('90/100 điểm');
    expect(await outcome(score(bloc.id, 'k7', points(40, 25, 25), 'cdvc'))).toBe('conflict:bloc-closed');
  });

  it('completes a proposal whose nomination was never made (its maker died half-way), under the bloc’s id', async () => {
    const bloc = await form('khoi-resume', 2025, { leaderUnitId: 'k1' });
    for (const [i, unitId] of SEVEN.entries()) await score(bloc.id, unitId, points(30, 20 + i, 20));
    const read = (await deps.blocs.get(bloc.id))!;
    const proposal = { unitId: 'k7', unitName: 'CĐCS k7', titleCode: 'co-thi-dua-cap-tinh', total: 76 };
    const unfinished = { ...proposal, proposedOn: '2026-03-10', nominationId: null };
    const cut = await deps.blocs.proposeFlag(
      read,
      { ...unfinished, proposedAt: '2026-03-10T02:59:30.000Z' },
      as('cdvc').write,
    );
    // Half a minute on, it may still be on its way: no one else makes its nomination.
    expect(await outcome(proposeBlocFlag(deps, as('cdvc'), bloc.id, { on: '2026-03-10' }))).toBe(
      'conflict:bloc-flag-proposed',
    );
    await deps.blocs.settleFlag(cut, undefined, as('cdvc').write);
    const read2 = (await deps.blocs.get(bloc.id))!;
    await deps.blocs.proposeFlag(read2, { ...unfinished, proposedAt: '2026-03-10T02:55:00.000Z' }, as('cdvc').write);
    const results = await Promise.all(
      [1, 2].map(() => outcome(proposeBlocFlag(deps, as('cdvc'), bloc.id, { on: '2026-03-10' }))),
    );
    expect(results).toEqual(['ok', 'ok']);
    const completed = await getBloc(deps, { unitId: null }, bloc.id);
    expect(completed.flagProposal).toMatchObject({ ...proposal, nominationId: `bloc-flag-${bloc.id}` });
    const nomination = await getNomination(deps, { unitId: null }, `bloc-flag-${bloc.id}`);
    expect(nomination.candidate).toEqual({ kind: 'unit', unitId: 'k7' });
    const page = await deps.nominations.listOfUnit('cdvc', 2025, { limit: 100 });
    expect(page.items.filter((n) => n.candidate.kind === 'unit' && n.candidate.unitId === 'k7')).toHaveLength(1);
  });

  it('is refused while the first rank is shared', async () => {
    const bloc = await form('khoi-tie', 2025, { leaderUnitId: 'k1' });
    for (const unitId of SEVEN) await score(bloc.id, unitId, points(unitId === 'k7' ? 10 : 30, 20, 20));
    expect(await outcome(proposeBlocFlag(deps, as('cdvc'), bloc.id, { on: '2026-01-20' }))).toBe(
      'conflict:bloc-top-tied',
    );
    expect((await getBloc(deps, { unitId: null }, bloc.id)).flagProposal).toBeNull();
  });
});
