import { openCaseBody } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshTable } from '../../../../test/support/tables.ts';
import { getCase, openCase } from '../../src/app/cases.ts';
import { decideDiscipline, getDiscipline, revokeDiscipline } from '../../src/app/discipline.ts';
import type { InspectionDeps } from '../../src/app/ports.ts';
import { at, depsOn, member, outcome } from './world.ts';

/**
 * A complaint against a discipline decision is a case like any other (issue 10, item 5): it
 * names the decision it contests, and a decision revoked on a complaint names that complaint,
 * which must be one contesting it. On DynamoDB Local, the tree in memory (world.ts).
 */
let db: Db;
let deps: InspectionDeps;
const upper = (iso = '2026-03-20T03:00:00Z') => ({ unitId: 'upper', memberId: null, write: at(iso) });
const PERSON = { fullName: 'Trần Văn Khiếu', cccd: '024190000777' };

beforeAll(async () => {
  db = await freshTable('inspection');
  deps = depsOn(db, [member('m-a', 'cdcs-a'), member('m-b', 'cdcs-b')]);
});

const reprimandOf = (memberId: string) =>
  decideDiscipline(deps, upper('2026-03-10T03:00:00Z'), {
    subject: { kind: 'member', memberId },
    form: 'reprimand',
    decision: { number: '05/QĐ-UBKT', date: '2026-03-09' },
    issuerUnitId: 'upper',
    grounds: 'Chậm nộp đoàn phí 6 tháng liên tiếp',
    basis: null,
  });

const complaintAgainst = (disciplineId: string, receivedOn = '2026-03-16') =>
  openCase(
    deps,
    upper(),
    openCaseBody.parse({
      handlingUnitId: 'upper',
      class: 'complaint-first',
      channel: 'in-person',
      receivedOn,
      person: PERSON,
      subject: { kind: 'unit', unitId: 'upper' },
      content: 'Khiếu nại quyết định kỷ luật khiển trách.',
      knewOn: '2026-03-10',
      contests: { kind: 'discipline', id: disciplineId },
    }),
  );

describe('a complaint against a discipline decision', () => {
  it('names the decision it contests, and the decision revoked on it names the complaint', async () => {
    const reprimand = await reprimandOf('m-a');
    const complaint = await complaintAgainst(reprimand.id);
    expect(complaint.contests).toEqual({
      kind: 'discipline',
      id: reprimand.id,
      decision: { number: '05/QĐ-UBKT', date: '2026-03-09' },
    });
    expect((await getCase(deps, upper(), complaint.id)).contests?.id).toBe(reprimand.id);

    const revoked = await revokeDiscipline(deps, upper('2026-04-02T03:00:00Z'), reprimand.id, {
      decision: { number: '09/QĐ-UBKT', date: '2026-04-01' },
      reason: 'Khiếu nại đúng: chậm nộp do đơn vị chưa thu hộ',
      basis: { kind: 'case', id: complaint.id },
    });
    expect(revoked).toMatchObject({ status: 'revoked', revocation: { basis: { kind: 'case', id: complaint.id } } });
    expect((await getDiscipline(deps, upper(), reprimand.id)).revocation?.basis).toEqual({
      kind: 'case',
      id: complaint.id,
    });
  });

  it('refuses a revocation on a case that does not contest the decision, and leaves the decision in force', async () => {
    const first = await reprimandOf('m-b');
    const other = await reprimandOf('m-a');
    const complaint = await complaintAgainst(other.id);
    expect(
      await outcome(
        revokeDiscipline(deps, upper('2026-04-02T03:00:00Z'), first.id, {
          decision: { number: '10/QĐ-UBKT', date: '2026-04-01' },
          reason: 'x',
          basis: { kind: 'case', id: complaint.id },
        }),
      ),
    ).toBe('unprocessable:case-does-not-contest-decision');
    expect(
      await outcome(
        revokeDiscipline(deps, upper('2026-04-02T03:00:00Z'), first.id, {
          decision: { number: '10/QĐ-UBKT', date: '2026-04-01' },
          reason: 'x',
          basis: { kind: 'case', id: 'no-such-case' },
        }),
      ),
    ).toBe('not-found:not-found');
    expect((await getDiscipline(deps, upper(), first.id)).status).toBe('in-force');
  });

  it('contests only a decision the caller sees, and only as a complaint', async () => {
    expect(await outcome(complaintAgainst('no-such-decision'))).toBe('not-found:not-found');
    const reprimand = await reprimandOf('m-b');
    // A caller of cdcs-a does not see a decision about a member of cdcs-b: the same 404.
    expect(
      await outcome(
        openCase(
          deps,
          { unitId: 'cdcs-a', memberId: null, write: at('2026-03-20T03:00:00Z') },
          openCaseBody.parse({
            handlingUnitId: 'cdcs-a',
            class: 'complaint-first',
            channel: 'post',
            receivedOn: '2026-03-16',
            person: PERSON,
            subject: { kind: 'unit', unitId: 'cdcs-a' },
            content: 'Khiếu nại',
            contests: { kind: 'discipline', id: reprimand.id },
          }),
        ),
      ),
    ).toBe('not-found:not-found');
    const asDenunciation = openCaseBody.safeParse({
      handlingUnitId: 'upper',
      class: 'denunciation',
      channel: 'post',
      receivedOn: '2026-03-16',
      person: PERSON,
      subject: { kind: 'unit', unitId: 'upper' },
      content: 'Tố cáo',
      contests: { kind: 'discipline', id: reprimand.id },
    });
    expect(asDenunciation.success).toBe(false);
    expect(asDenunciation.error?.issues[0]?.path).toEqual(['contests']);
  });

  it('rests a new decision on a case only when the caller sees that case', async () => {
    expect(
      await outcome(
        decideDiscipline(deps, upper('2026-03-10T03:00:00Z'), {
          subject: { kind: 'member', memberId: 'm-a' },
          form: 'warning',
          decision: { number: '06/QĐ-UBKT', date: '2026-03-09' },
          issuerUnitId: 'upper',
          grounds: 'Vi phạm',
          basis: { kind: 'case', id: 'no-such-case' },
        }),
      ),
    ).toBe('not-found:not-found');
  });
});
