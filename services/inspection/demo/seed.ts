/**
 * Inspection's demo data (`npm start` finds it here), through the HTTP API like a person; a
 * run cut short runs again (the plan is looked up by its title, the rest sent with
 * Idempotency-Keys):
 *
 * - seed 000's supervision figure, 40 agencies, as the 2025 plan of Công đoàn Viên chức tỉnh
 *   Bắc Giang's inspection committee, approved, with the first 12 supervisions (January to
 *   April) recorded done;
 * - a finance inspection of seed 001's CĐCS (Liên hiệp các Hội KH&KT) for June 2025, opened
 *   with the finance picture finance announced: the 13,500 đồng remittance shortfall its
 *   demo reconciliation found (services/finance/demo/seed.ts);
 * - a reprimand (khiển trách) of that CĐCS for the shortfall, resting on the inspection;
 * - three cases received by Công đoàn Viên chức tỉnh's committee about that CĐCS
 *   (`./cases.ts`): a first-round complaint of 9/2/2026 whose 10-day acceptance limit runs
 *   across Tết 2026, accepted on 23/2; an anonymous report, with no person; and a denunciation
 *   whose denouncer's identity is sealed.
 */
import {
  type DemoSeedContext,
  type Discipline,
  defineSeed,
  type Inspection,
  type InspectionPlan,
} from '@congdoan/contracts';
import { seedCases } from './cases.ts';

export const INSPECTION_DEMO = {
  year: 2025,
  title: 'Kế hoạch kiểm tra, giám sát năm 2025 của Ủy ban kiểm tra Công đoàn Viên chức tỉnh',
  agencies: 40,
  done: 12,
  financeInspection: {
    number: '07/QĐ-UBKT',
    date: '2026-09-10',
    period: { from: '2025-06-01', to: '2025-06-30' },
  },
  reprimand: { number: '12/QĐ-UBKT', date: '2026-10-20' },
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

type Call = <T>(method: 'GET' | 'POST', path: string, body?: unknown, extra?: Record<string, string>) => Promise<T>;

function apiOf({ url, token }: DemoSeedContext): Call {
  const headers = { authorization: `Bearer ${token}`, 'accept-language': 'en', 'content-type': 'application/json' };
  return async <T>(method: 'GET' | 'POST', path: string, body?: unknown, extra: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { ...headers, ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
    return (await res.json()) as T;
  };
}

export const seed = defineSeed({
  after: ['membership', 'finance'],
  async run(context) {
    const { ids, log } = context;
    const unitId = ids['CDVC-BG'];
    const cdcsId = ids['CDCS-LHHKHKT-BG'];
    if (!unitId || !cdcsId) throw new Error('membership’s seed gave no CDVC-BG or CDCS-LHHKHKT-BG');
    const call = apiOf(context);
    // The plan, the finance inspection with its reprimand, and the cases touch different items: at once.
    const [plan, { inspection, reprimand }, cases] = await Promise.all([
      seedPlan(call, unitId).then((plan) => {
        log(
          `inspection: plan ${INSPECTION_DEMO.year} of CDVC-BG, ${plan.progress.planned} supervisions planned, ${plan.progress.done} done`,
        );
        return plan;
      }),
      (async () => {
        // The finance picture is inspection's projection of finance's events: let them arrive first.
        await context.drain();
        const inspection = await seedFinanceInspection(call, unitId, cdcsId);
        const picture = inspection.financePicture;
        log(
          `inspection: finance inspection ${INSPECTION_DEMO.financeInspection.number} of CDCS-LHHKHKT-BG for June 2025, opened with ${picture?.discrepancies.length ?? 0} discrepancy (${picture?.totalDifference ?? 0} đồng)`,
        );
        const reprimand = await seedReprimand(call, unitId, cdcsId, inspection.id);
        log(`inspection: reprimand ${reprimand.decision.number} of CDCS-LHHKHKT-BG, lapses on ${reprimand.lapsesOn}`);
        return { inspection, reprimand };
      })(),
      seedCases(call, unitId, cdcsId, log),
    ]);
    return {
      ...cases,
      'inspection-plan-2025': plan.id,
      'inspection-finance-2025-06': inspection.id,
      'inspection-reprimand': reprimand.id,
    };
  },
});

async function seedPlan(call: Call, unitId: string): Promise<InspectionPlan> {
  const { year, title } = INSPECTION_DEMO;
  const listed = await call<{ items: InspectionPlan[] }>('GET', `/v1/inspection/units/${unitId}/plans?year=${year}`);
  let plan =
    listed.items.find((p) => p.title === title) ??
    (await call<InspectionPlan>(
      'POST',
      `/v1/inspection/units/${unitId}/plans`,
      { year, title, items: supervisionItems(year) },
      { 'idempotency-key': 'seed-inspection-plan-2025' },
    ));
  if (plan.status === 'draft') {
    plan = await call<InspectionPlan>('POST', `/v1/inspection/plans/${plan.id}/approval`, {
      decisionNumber: '01/KH-UBKT',
      date: `${year}-01-15`,
    });
  }
  for (const item of plan.items.slice(0, INSPECTION_DEMO.done)) {
    if (item.done) continue;
    plan = await call<InspectionPlan>('POST', `/v1/inspection/plans/${plan.id}/items/${item.id}/done`, {
      on: `${item.plannedMonth}-20`,
    });
  }
  return plan;
}

/** The upper level's UBKT inspects seed 001's CĐCS's finances of June 2025, where finance found the shortfall. */
function seedFinanceInspection(call: Call, unitId: string, cdcsId: string): Promise<Inspection> {
  const { number, date, period } = INSPECTION_DEMO.financeInspection;
  return call<Inspection>(
    'POST',
    '/v1/inspection/inspections',
    {
      unitId,
      targetUnitId: cdcsId,
      type: 'finance',
      decision: {
        number,
        date,
        scope: 'Kiểm tra việc thu, nộp đoàn phí công đoàn và trích nộp kinh phí lên cấp trên tháng 6/2025',
        period,
      },
    },
    { 'idempotency-key': 'seed-inspection-finance-2025-06' },
  );
}

function seedReprimand(call: Call, unitId: string, cdcsId: string, inspectionId: string): Promise<Discipline> {
  const { number, date } = INSPECTION_DEMO.reprimand;
  return call<Discipline>(
    'POST',
    '/v1/inspection/discipline',
    {
      subject: { kind: 'unit', unitId: cdcsId },
      form: 'reprimand',
      decision: { number, date },
      issuerUnitId: unitId,
      grounds:
        'Nộp thiếu 13.500 đồng đoàn phí công đoàn phần cấp trên tháng 6/2025 (30% theo QĐ 8108/QĐ-TLĐ), không khắc phục đúng hạn.',
      basis: { kind: 'inspection', id: inspectionId },
    },
    { 'idempotency-key': 'seed-inspection-reprimand' },
  );
}
