import {
  EDUCATION_LEVELS,
  EMPLOYMENT_CATEGORIES,
  EXIT_REASONS,
  type MemberState,
  POLITICAL_THEORY_LEVELS,
  type Unit,
} from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sized } from '../../../../test/support/scale.ts';
import { freshTable } from '../../../../test/support/tables.ts';
import { createMemberStore } from '../../src/adapters/member-store.ts';
import { createStatsStore } from '../../src/adapters/stats-store.ts';
import { createUnitStore } from '../../src/adapters/unit-store.ts';
import {
  admitMember,
  applyForMembership,
  exitMember,
  readmitMember,
  reinstateMember,
  rejectApplication,
  suspendMember,
  transferMember,
  updateMember,
} from '../../src/app/members/lifecycle.ts';
import { rebuildStatistics } from '../../src/app/statistics/rebuild.ts';
import { type StatisticsReport, statisticsReport } from '../../src/app/statistics/report.ts';
import { createUnit } from '../../src/app/units/create-unit.ts';
import { ageBand } from '../../src/domain/member/age.ts';
import { cccdFor, person, writeContext } from '../support/members.ts';

/** `STATS_OPS` operations (TEST_SCALE=ci: 300, deep: 1,000); docs/testing.md says why 300 still finds what 1,000 finds. */
const OP_COUNT = sized('STATS_OPS', { ci: 300, deep: 1_000 });
const OPS = ['apply', 'admit', 'reject', 'update', 'transfer', 'suspend', 'reinstate', 'exit', 'readmit'] as const;
const op = fc.record({
  kind: fc.constantFrom(...OPS),
  pick: fc.nat(),
  unit: fc.nat(2),
  gender: fc.constantFrom('male' as const, 'female' as const),
  birthYear: fc.integer({ min: 1960, max: 2001 }),
  education: fc.constantFrom(...EDUCATION_LEVELS),
  theory: fc.constantFrom(...POLITICAL_THEORY_LEVELS),
  category: fc.constantFrom(...EMPLOYMENT_CATEGORIES),
  ethnicity: fc.constantFrom('Kinh', 'Tày', 'Nùng', 'Sán Dìu'),
  party: fc.boolean(),
  reason: fc.constantFrom(...EXIT_REASONS),
});

function dayAfter(start: string, n: number) {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The report as a recount of member states would give it. */
function recount(members: Iterable<MemberState>, asOf: string) {
  const r = {
    members: 0,
    women: 0,
    party: 0,
    suspended: 0,
    edu: {} as Record<string, number>,
    age: {} as Record<string, number>,
    eth: {} as Record<string, number>,
  };
  for (const m of members) {
    if (m.status !== 'active' && m.status !== 'suspended') continue;
    r.members++;
    if (m.gender === 'female') r.women++;
    if (m.partyMember) r.party++;
    if (m.status === 'suspended') r.suspended++;
    r.edu[m.educationLevel] = (r.edu[m.educationLevel] ?? 0) + 1;
    const band = ageBand(m.dateOfBirth, asOf);
    r.age[band] = (r.age[band] ?? 0) + 1;
    r.eth[m.ethnicity] = (r.eth[m.ethnicity] ?? 0) + 1;
  }
  return r;
}

const nonZero = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));

function shape(report: StatisticsReport) {
  return {
    members: report.totals.members,
    women: report.totals.women,
    party: report.totals.partyMembers,
    suspended: report.totals.suspended,
    edu: nonZero(report.byEducation),
    age: nonZero(report.byAgeBand),
    eth: nonZero(report.byEthnicity),
  };
}

let db: Db;
beforeAll(async () => {
  db = await freshTable('membership');
});

describe('statistics counters', () => {
  it(`agree with a recount after ${OP_COUNT} random lifecycle operations, today and as of past days`, async () => {
    const deps = { units: createUnitStore(db), members: createMemberStore(db), stats: createStatsStore(db) };
    const admin = () => ({ unitId: null, write: writeContext() });
    const province = await createUnit(deps, admin(), { code: 'P', name: 'LĐLĐ', level: 'province' });
    const upper = await createUnit(deps, admin(), { code: 'U', name: 'CĐVC', level: 'upper', parentId: province.id });
    const cdcs: Unit[] = [];
    for (const code of ['A', 'B', 'C']) {
      cdcs.push(
        await createUnit(deps, admin(), {
          code,
          name: `CĐCS ${code}`,
          level: 'grassroots',
          parentId: upper.id,
          agency: { name: code, taxId: `24000000${code.charCodeAt(0)}`, fundingType: 'self-funded' },
        }),
      );
    }

    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: OP_COUNT, maxLength: OP_COUNT }), async (ops) => {
        const model = new Map<string, MemberState>();
        const exitDay = new Map<string, string>();
        const byStatus = (...s: MemberState['status'][]) => [...model.values()].filter((m) => s.includes(m.status));
        // The recount every tenth day, and in the middle of the run, each held against the
        // report as of that day: a count that is wrong only for a while shows too.
        const snapshots = new Map<string, ReturnType<typeof recount>>();
        const every = 10;
        let illegal = 0;
        for (const [i, o] of ops.entries()) {
          const day = dayAfter('2020-01-01', i);
          // Each operation happens on its own day, recorded that day.
          const admin = () => ({ unitId: null, write: writeContext(new Date(`${day}T03:00:00Z`)) });
          const unitId = cdcs[o.unit]!.id;
          const pickFrom = (list: MemberState[]) => list[o.pick % Math.max(list.length, 1)];
          let target: MemberState | undefined;
          try {
            let next: MemberState | undefined;
            switch (o.kind) {
              case 'apply': {
                const dateOfBirth = `${o.birthYear}-0${(o.pick % 9) + 1}-1${o.pick % 10}`;
                next = await applyForMembership(deps, admin(), unitId, {
                  ...person({
                    fullName: `Người ${i}`,
                    gender: o.gender,
                    dateOfBirth,
                    cccd: cccdFor(dateOfBirth, o.gender),
                    educationLevel: o.education,
                    politicalTheoryLevel: o.theory,
                    employmentCategory: o.category,
                    ethnicity: o.ethnicity,
                    partyMember: o.party,
                    partyJoinDate: o.party ? '2019-05-19' : null,
                  }),
                  applicationDate: day,
                });
                break;
              }
              case 'admit':
                target = pickFrom(byStatus('applicant', 'active'));
                if (target)
                  next = await admitMember(deps, admin(), target.id, { decisionNumber: `${i}/QĐ`, decisionDate: day });
                break;
              case 'reject':
                target = pickFrom(byStatus('applicant'));
                if (target) next = await rejectApplication(deps, admin(), target.id, 'Chưa đủ điều kiện');
                break;
              case 'update':
                target = pickFrom(byStatus('applicant', 'active', 'suspended'));
                if (target) {
                  next = await updateMember(deps, admin(), target.id, {
                    educationLevel: o.education,
                    ethnicity: o.ethnicity,
                    partyMember: o.party,
                    partyJoinDate: o.party ? '2019-05-19' : null,
                  });
                }
                break;
              case 'transfer':
                target = pickFrom(byStatus('active', 'suspended', 'exited'));
                if (target && target.unitId !== unitId)
                  next = await transferMember(deps, admin(), target.id, { toUnitId: unitId, date: day });
                break;
              case 'suspend':
                target = pickFrom(byStatus('active', 'exited'));
                if (target)
                  next = await suspendMember(deps, admin(), target.id, { from: day, reason: 'Nghỉ không lương' });
                break;
              case 'reinstate':
                target = pickFrom(byStatus('suspended', 'active'));
                if (target) next = await reinstateMember(deps, admin(), target.id, { date: day });
                break;
              case 'exit':
                target = pickFrom(byStatus('active', 'suspended'));
                if (target) {
                  next = await exitMember(deps, admin(), target.id, { date: day, reason: o.reason });
                  exitDay.set(target.id, day);
                }
                break;
              case 'readmit':
                target = pickFrom(byStatus('exited'));
                if (target)
                  next = await readmitMember(deps, admin(), target.id, {
                    decisionNumber: `${i}/QĐ`,
                    decisionDate: day,
                  });
                break;
            }
            if (next) model.set(next.id, next);
          } catch (error) {
            // Illegal moves are part of the mix: they must be refused with a reason and change nothing.
            const code = (error as { code?: string }).code;
            expect(['illegal-member-transition', 'readmission-too-soon', 'readmission-not-possible']).toContain(code);
            illegal++;
          }
          if (i === Math.floor(OP_COUNT / 2) - 1 || (i + 1) % every === 0) {
            snapshots.set(day, recount(model.values(), day));
          }
        }
        const lastDay = dayAfter('2020-01-01', ops.length - 1);
        const today = dayAfter(lastDay, 1);
        const now = await statisticsReport(deps, { unitId: null }, province.id, { asOf: lastDay, today });
        expect(shape(now)).toEqual(recount(model.values(), lastDay));
        for (const [day, snapshot] of snapshots) {
          const past = await statisticsReport(deps, { unitId: null }, province.id, { asOf: day, today });
          expect(shape(past), `as of ${day}`).toEqual(snapshot);
        }
        const rebuilt = await rebuildStatistics(deps, admin(), province.id, { repair: false });
        expect(rebuilt.drift).toEqual([]);
        expect(illegal).toBeGreaterThan(0);
      }),
      { numRuns: 1, endOnFailure: true },
    );
  }, 240_000);
});
