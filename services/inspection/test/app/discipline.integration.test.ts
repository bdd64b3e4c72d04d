import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dissolutionDecided } from '../../../../test/support/bus-events.ts';
import { freshTable } from '../../../../test/support/tables.ts';
import {
  decideDiscipline,
  getDiscipline,
  lapseDiscipline,
  listDiscipline,
  revokeDiscipline,
} from '../../src/app/discipline.ts';
import type { InspectionDeps } from '../../src/app/ports.ts';
import { at, depsOn, member, outcome } from './world.ts';

/** Discipline on DynamoDB Local: decisions, revocation, the daily lapse, their events in the outbox. */
const MEMBERS = [
  member('m-a', 'cdcs-a'),
  member('m-b', 'cdcs-b'),
  member('m-sec', 'section-a'),
  member('m-d', 'cdcs-a'),
  member('m-up', 'upper'),
];

let db: Db;
let deps: InspectionDeps;
const upper = (iso = '2026-03-10T03:00:00Z') => ({ unitId: 'upper', write: at(iso) });
const body = (
  memberId: string,
  form: 'reprimand' | 'warning' | 'expulsion' | 'removal-from-office',
  date = '2026-03-09',
) => ({
  subject: { kind: 'member' as const, memberId },
  form,
  decision: { number: '05/QĐ-UBKT', date },
  issuerUnitId: 'upper',
  grounds: 'Chậm nộp đoàn phí 6 tháng liên tiếp',
  basis: null,
});

/** The outbox items of one decision (a test may Scan its own small table). */
async function outbox(type: string, disciplineId: string) {
  const items = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.client.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items
    .filter((i) => i.kind === 'outbox' && i.detailType === type)
    .map((i) => JSON.parse(String(i.detail)) as { data: Record<string, unknown> & { disciplineId: string } })
    .filter((d) => d.data.disciplineId === disciplineId);
}

beforeAll(async () => {
  db = await freshTable('inspection');
  deps = depsOn(db, MEMBERS);
});

describe('discipline decisions', () => {
  it('are issued against a member of the subtree, with DisciplineDecided in the same transaction', async () => {
    const d = await decideDiscipline(deps, upper(), body('m-a', 'reprimand'));
    expect(d).toMatchObject({
      status: 'in-force',
      lapsesOn: '2027-03-09',
      subject: { unitId: 'cdcs-a', fullName: 'Trần Văn m-a' },
    });
    const [ev] = await outbox('DisciplineDecided', d.id);
    expect(ev?.data).toMatchObject({
      subject: { kind: 'member', memberId: 'm-a', unitId: 'cdcs-a' },
      form: 'reprimand',
      lapsesOn: '2027-03-09',
    });
    expect(JSON.stringify(ev)).not.toContain('Trần Văn');
    expect(await getDiscipline(deps, { unitId: 'cdcs-a' }, d.id)).toEqual(d);
    expect(
      (await listDiscipline(deps, { unitId: 'cdcs-a' }, 'cdcs-a', { limit: 10 })).items.map((x) => x.id),
    ).toContain(d.id);
  });

  it('outside the caller’s subtree answer as missing; a subject above the issuer is refused', async () => {
    const d = await decideDiscipline(deps, upper(), body('m-b', 'warning'));
    expect(await outcome(getDiscipline(deps, { unitId: 'cdcs-a' }, d.id))).toBe('not-found:not-found');
    expect(await outcome(getDiscipline(deps, { unitId: 'cdcs-a' }, 'nope'))).toBe('not-found:not-found');
    expect(await outcome(listDiscipline(deps, { unitId: 'cdcs-a' }, 'cdcs-b', { limit: 10 }))).toBe(
      'not-found:not-found',
    );
    expect(
      await outcome(
        decideDiscipline(deps, { unitId: 'cdcs-a', write: at('2026-03-10T03:00:00Z') }, body('m-b', 'warning')),
      ),
    ).toBe('not-found:not-found');
    expect(
      await outcome(decideDiscipline(deps, upper(), { ...body('m-a', 'warning'), issuerUnitId: 'section-a' })),
    ).toBe('unprocessable:subject-not-in-subtree');
    expect(
      await outcome(
        decideDiscipline(deps, upper(), { ...body('m-a', 'warning'), subject: { kind: 'unit', unitId: 'upper' } }),
      ),
    ).toBe('unprocessable:subject-not-in-subtree');
    expect(await outcome(decideDiscipline(deps, upper(), body('m-a', 'warning', '2026-03-11')))).toBe(
      'unprocessable:decision-in-future',
    );
  });

  it('of ten concurrent expulsions of one member, one is issued and nine meet it (409)', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => outcome(decideDiscipline(deps, upper(), body('m-sec', 'expulsion')))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'conflict:discipline-final')).toHaveLength(9);
    const listed = (await listDiscipline(deps, { unitId: null }, 'section-a', { limit: 50 })).items;
    expect(listed.filter((d) => d.form === 'expulsion' && d.status === 'in-force')).toHaveLength(1);
    expect(listed[0]?.lapsesOn).toBeNull();
  });

  it('concurrent decisions of different forms against one member (of the issuer’s own unit) are all kept in its guard', async () => {
    const ok = await Promise.all(
      (['reprimand', 'warning', 'removal-from-office'] as const).map((form) =>
        decideDiscipline(deps, upper(), body('m-up', form)),
      ),
    );
    const guard = await deps.discipline.readGuard({ kind: 'member', memberId: 'm-up', unitId: 'upper', fullName: '' });
    for (const d of ok) expect(guard.entries.map((e) => e.id)).toContain(d.id);
  });

  it('dissolve a unit below the issuer, with DisciplineDecided naming the unit; a second one meets it (409)', async () => {
    const dissolution = (unitId: string, issuerUnitId = 'upper') => ({
      subject: { kind: 'unit' as const, unitId },
      form: 'dissolution' as const,
      decision: { number: '21/QĐ-UBKT', date: '2026-03-09' },
      issuerUnitId,
      grounds: 'Vi phạm Điều lệ nghiêm trọng',
      basis: null,
    });
    expect(await outcome(decideDiscipline(deps, upper(), dissolution('no-such-unit')))).toBe('not-found:not-found');
    // The issuer does not dissolve itself, nor a unit above it.
    expect(await outcome(decideDiscipline(deps, upper(), dissolution('upper')))).toBe(
      'unprocessable:subject-not-in-subtree',
    );
    expect(await outcome(decideDiscipline(deps, upper(), dissolution('cdcs-a', 'section-a')))).toBe(
      'unprocessable:subject-not-in-subtree',
    );
    const d = await decideDiscipline(deps, upper(), dissolution('section-a'));
    expect(d).toMatchObject({
      subject: { kind: 'unit', unitId: 'section-a' },
      form: 'dissolution',
      status: 'in-force',
      lapsesOn: null,
      issuerUnitId: 'upper',
    });
    const events = await outbox('DisciplineDecided', d.id);
    // Exactly what membership's and emulation's consumer tests are given.
    expect(events.map((e) => e.data)).toEqual([dissolutionDecided('section-a', d.id)]);
    expect(await outcome(decideDiscipline(deps, upper(), dissolution('section-a')))).toBe('conflict:discipline-final');
    // Seen from the dissolved unit's parent and listed under the unit; the daily lapse never touches it.
    expect(await getDiscipline(deps, { unitId: 'cdcs-a' }, d.id)).toEqual(d);
    expect((await listDiscipline(deps, { unitId: null }, 'section-a', { limit: 50 })).items.map((x) => x.id)).toContain(
      d.id,
    );
    await lapseDiscipline(deps, at('2030-01-01T03:00:00Z'));
    expect(await getDiscipline(deps, { unitId: null }, d.id)).toMatchObject({ status: 'in-force', version: 1 });
    expect(await outbox('DisciplineLapsed', d.id)).toEqual([]);
  });

  it('are revoked once, with DisciplineRevoked; If-Match guards the revocation', async () => {
    const d = await decideDiscipline(deps, upper(), body('m-a', 'warning'));
    const input = { decision: { number: '11/QĐ-UBKT', date: '2026-03-10' }, reason: 'Khiếu nại được chấp nhận' };
    expect(await outcome(revokeDiscipline(deps, upper(), d.id, input, 7))).toBe('precondition-failed:stale-version');
    const r = await revokeDiscipline(deps, upper(), d.id, input, 1);
    expect(r.status).toBe('revoked');
    expect(await outcome(revokeDiscipline(deps, upper(), d.id, input))).toBe('conflict:discipline-not-in-force');
    expect(await outbox('DisciplineRevoked', d.id)).toHaveLength(1);
  });
});

describe('the daily lapse', () => {
  it('lapses each decision past its date once, across racing runs, and leaves the others', async () => {
    const due = await decideDiscipline(deps, upper('2025-02-10T03:00:00Z'), body('m-a', 'reprimand', '2025-02-01'));
    const later = await decideDiscipline(deps, upper('2025-02-10T03:00:00Z'), body('m-b', 'reprimand', '2025-02-09'));
    const runs = await Promise.all(Array.from({ length: 4 }, () => lapseDiscipline(deps, at('2026-02-09T17:30:00Z'))));
    // 17:30 UTC on 9/2 is 10/2 in Vietnam: the one lapsing on 1/2 and the one on 9/2 are both past.
    expect(runs.reduce((n, r) => n + r.lapsed, 0)).toBe(2);
    expect(await outbox('DisciplineLapsed', due.id)).toHaveLength(1);
    expect(await outbox('DisciplineLapsed', later.id)).toHaveLength(1);
    expect(await getDiscipline(deps, { unitId: null }, due.id)).toMatchObject({
      status: 'lapsed',
      lapsedOn: '2026-02-01',
      version: 2,
    });
    const again = await lapseDiscipline(deps, at('2026-02-11T03:00:00Z'));
    expect(again.lapsed).toBe(0);
    expect(await outbox('DisciplineLapsed', due.id)).toHaveLength(1);
  });

  it('defers a lapse when the subject reoffended within the period', async () => {
    const first = await decideDiscipline(deps, upper('2024-01-10T03:00:00Z'), body('m-d', 'reprimand', '2024-01-05'));
    await decideDiscipline(deps, upper('2024-06-10T03:00:00Z'), body('m-d', 'warning', '2024-06-01'));
    await lapseDiscipline(deps, at('2025-01-10T03:00:00Z'));
    expect(await getDiscipline(deps, { unitId: null }, first.id)).toMatchObject({
      status: 'in-force',
      lapsesOn: '2025-06-01',
    });
    expect(await outbox('DisciplineLapsed', first.id)).toHaveLength(0);
    await lapseDiscipline(deps, at('2025-06-02T03:00:00Z'));
    expect(await getDiscipline(deps, { unitId: null }, first.id)).toMatchObject({
      status: 'lapsed',
      lapsedOn: '2025-06-01',
    });
    expect(await outbox('DisciplineLapsed', first.id)).toHaveLength(1);
  });
});
