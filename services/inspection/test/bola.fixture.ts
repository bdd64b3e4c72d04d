/**
 * Inspection's part of the BOLA matrix (test/e2e/bola.fresh.e2e.test.ts): a plan of the
 * victim CĐCS's UBKT, and an inspection of the victim by its upper level carried to its
 * recommendations, made through the API; a valid body for each write.
 */
import type { Api, BolaFixture } from '../../../test/support/bola.ts';

const created = async (res: Promise<{ status: number; body: unknown }>, what: string) => {
  const { status, body } = await res;
  const id = (body as { id?: string }).id;
  if (status >= 300 || !id) throw new Error(`could not make ${what}: ${status} ${JSON.stringify(body)}`);
  return body as { id: string; items?: { id: string }[]; recommendationIds?: string[] };
};

async function step(api: Api, id: string, name: string, body: unknown) {
  const res = await api.post(`/v1/inspection/inspections/${id}/${name}`, body);
  if (res.status !== 200) throw new Error(`could not take the step ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { recommendationIds: string[] };
}

const agencyItem = {
  type: 'supervision',
  target: { kind: 'agency', taxId: '2400404404', name: 'Cơ quan BOLA' },
  plannedMonth: '2026-05',
};
const DECISION = {
  number: '9/QĐ-UBKT',
  date: '2026-03-02',
  scope: 'Chấp hành Điều lệ',
  period: { from: '2025-01-01', to: '2025-12-31' },
};

/** A denunciation a unit's committee receives about the unit itself, the person sealed at intake. */
export const CASE_INTAKE = (unitId: string) => ({
  handlingUnitId: unitId,
  class: 'denunciation',
  channel: 'post',
  receivedOn: '2026-11-20',
  person: { fullName: 'Người Tố Cáo BOLA', cccd: '001186099999', phone: '0988000111' },
  subject: { kind: 'unit', unitId },
  content: 'Tố cáo sử dụng kinh phí sai mục đích',
  complexity: 'complex',
});

/** A valid body for each step of a case, by operationId. */
export const CASE_STEP_BODIES: Record<string, (ids: Record<string, string>) => unknown> = {
  acceptCase: () => ({ date: '2026-11-23' }),
  refuseCase: () => ({ date: '2026-11-23', reason: 'Không thuộc thẩm quyền' }),
  transferCase: () => ({ date: '2026-11-23', competentBody: 'Thanh tra tỉnh' }),
  assignCase: (ids) => ({ date: '2026-11-23', memberIds: [ids.units!] }),
  verifyCase: () => ({ date: '2026-11-23', note: 'Xác minh' }),
  extendCase: () => ({ date: '2026-11-23', decision: { number: '5/QĐ-UBKT', date: '2026-11-23' } }),
  concludeCase: () => ({ date: '2026-11-23', summary: 'Kết luận' }),
  decideCase: () => ({ date: '2026-11-23', number: '6/QĐ-UBKT', summary: 'Quyết định' }),
  withdrawCase: () => ({ date: '2026-11-23' }),
  revealCaseIdentity: () => ({ reason: 'Kiểm tra quyền xem' }),
};

export const bola: BolaFixture = {
  async ids({ admin, victim, attacker, platform }) {
    const plan = await created(
      admin.post(`/v1/inspection/units/${victim.unitId}/plans`, {
        year: 2026,
        title: 'Kế hoạch BOLA',
        items: [agencyItem],
      }),
      'a plan',
    );
    await admin.post(`/v1/inspection/plans/${plan.id}/approval`, { decisionNumber: '1/KH', date: '2026-01-05' });
    // The team's invited member: someone of another CĐCS, admitted here (the attacker's CĐCS has no members).
    const outsider = await created(
      admin.post(`/v1/membership/units/${attacker.unitId}/members`, {
        fullName: 'Đỗ Văn Kiểm',
        gender: 'male',
        dateOfBirth: '1985-02-02',
        cccd: '024085000909',
        educationLevel: 'bachelor',
        employmentCategory: 'public-employee',
        duesSalary: 5_000_000,
        applicationDate: '2020-01-05',
      }),
      'a member outside the victim',
    );
    const admitted = await admin.post(
      `/v1/membership/members/${outsider.id}/admit`,
      { decisionNumber: '9/QĐ', decisionDate: '2020-02-01' },
      { 'if-match': 'W/"1"' },
    );
    if (admitted.status !== 200)
      throw new Error(`could not admit: ${admitted.status} ${JSON.stringify(admitted.body)}`);
    await platform.drain();
    const inspection = await created(
      admin.post('/v1/inspection/inspections', {
        unitId: victim.upperId,
        targetUnitId: victim.unitId,
        type: 'charter-compliance',
        decision: DECISION,
      }),
      'an inspection',
    );
    await step(admin, inspection.id, 'team', {
      members: [{ memberId: outsider.id, role: 'lead', invited: true }],
    });
    await step(admin, inspection.id, 'fieldwork', { from: '2026-03-05', to: '2026-03-06' });
    await step(admin, inspection.id, 'findings', { findings: [{ severity: 'minor', description: 'Thiếu biên bản' }] });
    await step(admin, inspection.id, 'conclusion', { number: '2/KL', date: '2026-03-10', summary: 'Kết luận' });
    const done = await step(admin, inspection.id, 'recommendations', {
      recommendations: [{ owner: { kind: 'unit', unitId: victim.unitId }, content: 'Bổ sung', deadline: '2026-06-30' }],
    });
    // A reprimand of the victim CĐCS, decided on the inspection's conclusion.
    const discipline = await created(
      admin.post('/v1/inspection/discipline', {
        subject: { kind: 'unit', unitId: victim.unitId },
        form: 'reprimand',
        decision: { number: '7/QĐ-UBKT', date: '2026-03-12' },
        issuerUnitId: victim.upperId,
        grounds: 'Chậm khắc phục kiến nghị',
        basis: { kind: 'inspection', id: inspection.id },
      }),
      'a discipline decision',
    );
    // A denunciation received by the victim CĐCS's committee, about the CĐCS, with a sealed person.
    const denounced = await created(admin.post('/v1/inspection/cases', CASE_INTAKE(victim.unitId)), 'a case');
    return {
      cases: denounced.id,
      units: victim.unitId,
      discipline: discipline.id,
      plans: plan.id,
      itemId: plan.items![0]!.id,
      inspections: inspection.id,
      recommendations: done.recommendationIds[0]!,
    };
  },
  // The annual report's year names no resource: the same in both calls.
  fixed: { year: '2026' },
  bodies: {
    createInspectionPlan: () => ({ year: 2027, title: 'Kế hoạch', items: [agencyItem] }),
    addInspectionPlanItems: () => ({ items: [agencyItem] }),
    approveInspectionPlan: () => ({ decisionNumber: '3/KH', date: '2026-01-06' }),
    completeInspectionPlanItem: () => ({ on: '2026-05-10' }),
    formInspectionTeam: (ids) => ({ members: [{ memberId: ids.units, role: 'lead', invited: true }] }),
    recordInspectionFieldwork: () => ({ from: '2026-03-05', to: '2026-03-06' }),
    recordInspectionFindings: () => ({ findings: [{ severity: 'minor', description: 'Thiếu' }] }),
    concludeInspection: () => ({ number: '4/KL', date: '2026-03-10', summary: 'Kết luận' }),
    makeInspectionRecommendations: (ids) => ({
      recommendations: [{ owner: { kind: 'unit', unitId: ids.units }, content: 'Bổ sung', deadline: '2026-06-30' }],
    }),
    followUpRecommendation: () => ({ note: 'Đang thực hiện', status: 'in-progress' }),
    ...CASE_STEP_BODIES,
    revokeDiscipline: () => ({
      decision: { number: '8/QĐ-UBKT', date: '2026-03-13' },
      reason: 'Khiếu nại được chấp nhận',
    }),
  },
};
