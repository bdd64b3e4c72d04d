/**
 * Inspection's demo data (`npm start` finds it here): seed 000's supervision figure, 40
 * agencies, as the 2025 plan of Công đoàn Viên chức tỉnh Bắc Giang's inspection committee,
 * approved, with the first 12 supervisions (January to April) recorded done. Through the
 * HTTP API like a person; a run cut short runs again (the plan is looked up by its title).
 */
import { defineSeed, type InspectionPlan } from '@congdoan/contracts';
import { seedCases } from './cases.ts';

export const INSPECTION_DEMO = {
  year: 2025,
  title: 'Kế hoạch kiểm tra, giám sát năm 2025 của Ủy ban kiểm tra Công đoàn Viên chức tỉnh',
  agencies: 40,
  done: 12,
} as const;

const KINDS = [
  'Trường THPT',
  'Trường THCS',
  'Trường Tiểu học',
  'Trung tâm Y tế huyện',
  'Trạm Y tế xã',
  'Ban Quản lý dự án',
];

/** The 40 employing agencies supervised (tax IDs of the demo, not real ones), four in each month from January to October. */
export function supervisionItems(year: number) {
  return Array.from({ length: INSPECTION_DEMO.agencies }, (_, i) => ({
    type: 'supervision' as const,
    target: {
      kind: 'agency' as const,
      taxId: `2400${900_000 + i}`,
      name: `${KINDS[i % KINDS.length]} số ${i + 1} (demo)`,
    },
    plannedMonth: `${year}-${String(Math.floor(i / 4) + 1).padStart(2, '0')}`,
    note: 'Giám sát việc thực hiện BHXH, BHYT, BHTN và quy chế dân chủ ở cơ sở',
  }));
}

export const seed = defineSeed({
  after: ['membership'],
  async run({ url, token, ids, log }) {
    const unitId = ids['CDVC-BG'];
    if (!unitId) throw new Error('membership’s seed gave no CDVC-BG');
    const headers = { authorization: `Bearer ${token}`, 'accept-language': 'en', 'content-type': 'application/json' };
    const call = async (method: 'GET' | 'POST', path: string, body?: unknown, extra: Record<string, string> = {}) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { ...headers, ...extra },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
      return (await res.json()) as InspectionPlan & { items: InspectionPlan['items'] };
    };
    const { year, title } = INSPECTION_DEMO;
    const listed = (await call('GET', `/v1/inspection/units/${unitId}/plans?year=${year}`)) as unknown as {
      items: InspectionPlan[];
    };
    let plan =
      listed.items.find((p) => p.title === title) ??
      (await call(
        'POST',
        `/v1/inspection/units/${unitId}/plans`,
        { year, title, items: supervisionItems(year) },
        { 'idempotency-key': 'seed-inspection-plan-2025' },
      ));
    if (plan.status === 'draft') {
      plan = await call('POST', `/v1/inspection/plans/${plan.id}/approval`, {
        decisionNumber: '01/KH-UBKT',
        date: `${year}-01-15`,
      });
    }
    for (const item of plan.items.slice(0, INSPECTION_DEMO.done)) {
      if (item.done) continue;
      plan = await call('POST', `/v1/inspection/plans/${plan.id}/items/${item.id}/done`, {
        on: `${item.plannedMonth}-20`,
      });
    }
    log(
      `inspection: plan ${year} of CDVC-BG, ${plan.progress.planned} supervisions planned, ${plan.progress.done} done`,
    );
    const cases = ids['CDCS-LHHKHKT-BG'] ? await seedCases(call, unitId, ids['CDCS-LHHKHKT-BG'], log) : {};
    return { 'inspection-plan-2025': plan.id, ...cases };
  },
});
