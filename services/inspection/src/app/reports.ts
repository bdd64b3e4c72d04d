import {
  dayInVietnam,
  type FileDownload,
  type InspectionReport,
  type LocalizedText,
  notFound,
  type UbktWarningList,
  XLSX_CONTENT_TYPE,
} from '@congdoan/contracts';
import { inspectionPolicyOn } from '../domain/policy.ts';
import { disciplineFigures, findingFigures, inspectionFigures, recommendationFigures } from '../domain/report.ts';
import { holdsSeatOn } from '../domain/team.ts';
import { lacksUbkt, ubktRuleOn } from '../domain/ubkt-rule.ts';
import { reportWorkbook } from '../files/report-xlsx.ts';
import { CASE_CLASSES, type CaseClassFigures, type CaseYearFigures } from './case-ports.ts';
import type { CallerScope, InspectionDeps } from './ports.ts';

export type ReportDeps = Pick<
  InspectionDeps,
  'units' | 'plans' | 'inspections' | 'recommendations' | 'discipline' | 'cases' | 'roster'
>;

const UNIT: LocalizedText = { vi: 'đơn vị', en: 'unit' };

const CASE_RULES = {
  received: {
    vi: 'Đơn nhận trong năm (theo ngày nhận), theo loại: khiếu nại lần đầu, lần hai, tố cáo, phản ánh nặc danh, kiến nghị/phản ánh.',
    en: 'Received in the year (by the day received), by class: first and second complaint, denunciation, anonymous report, petition.',
  },
  accepted: { vi: 'Trong số đó, đã thụ lý.', en: 'Of those, accepted (thụ lý).' },
  refused: { vi: 'Trong số đó, không thụ lý (có lý do).', en: 'Of those, refused (with a reason).' },
  transferred: {
    vi: 'Trong số đó, đã chuyển cơ quan có thẩm quyền.',
    en: 'Of those, transferred to the competent body.',
  },
  resolvedOnTime: {
    vi: 'Giải quyết (kết luận hoặc quyết định) trong năm, không muộn hơn hạn giải quyết (kể cả gia hạn).',
    en: 'Resolved (concluded or decided) in the year, by the resolution deadline (extensions included).',
  },
  resolvedLate: {
    vi: 'Giải quyết trong năm, sau hạn giải quyết (kể cả gia hạn).',
    en: 'Resolved in the year, after the resolution deadline (extensions included).',
  },
  open: {
    vi: 'Chưa giải quyết xong vào cuối năm (năm hiện tại: đến ngày lập báo cáo).',
    en: 'Not resolved at the year’s end (the current year: on the report day).',
  },
} satisfies Record<keyof CaseClassFigures, LocalizedText>;

function caseSection(figures: CaseYearFigures): InspectionReport['cases'] {
  const total: CaseClassFigures = {
    received: 0,
    accepted: 0,
    refused: 0,
    transferred: 0,
    resolvedOnTime: 0,
    resolvedLate: 0,
    open: 0,
  };
  for (const c of CASE_CLASSES) {
    for (const key of Object.keys(total) as (keyof CaseClassFigures)[]) total[key] += figures[c][key];
  }
  return { total, byClass: figures, rules: CASE_RULES };
}

/**
 * A unit's annual inspection report: what its inspection committee did in the year. The unit
 * must be in the caller's subtree (404 otherwise). Read by Queries on indexes only: the year's
 * plans (one Query), the inspections decided in the year (the decision-date index), their
 * recommendations by key (BatchGetItem), the discipline milestones of the year (three Queries)
 * and the case figures of the cases' own store.
 */
export async function annualReport(
  deps: ReportDeps,
  caller: CallerScope,
  unitId: string,
  year: number,
  now: Date,
): Promise<InspectionReport> {
  await deps.units.assertInScope(caller, unitId);
  const asOf = dayInVietnam(now);
  const [plans, inspections, milestones, cases] = await Promise.all([
    deps.plans.listOfUnit(unitId, year),
    deps.inspections.decidedIn(unitId, year),
    deps.discipline.milestonesIn(unitId, year),
    deps.cases.yearFigures(unitId, year),
  ]);
  const recommendations = await deps.recommendations.getMany(inspections.flatMap((i) => i.recommendationIds));
  // The period the rule names is today's policy: a year before the policy began has no decisions to lapse.
  const lapseMonths = inspectionPolicyOn(asOf).disciplineLapseMonths;
  return {
    unitId,
    year,
    asOf,
    generatedAt: now.toISOString(),
    inspections: inspectionFigures(year, plans, inspections),
    findings: findingFigures(inspections),
    recommendations: recommendationFigures(recommendations, asOf),
    cases: caseSection(cases),
    discipline: disciplineFigures(year, milestones, lapseMonths),
  };
}

/** The same report as an .xlsx, base64 in JSON like every download (http-kit answers JSON only). */
export async function annualReportExport(
  deps: ReportDeps,
  caller: CallerScope,
  unitId: string,
  year: number,
  now: Date,
): Promise<FileDownload> {
  const report = await annualReport(deps, caller, unitId, year, now);
  const unit = await deps.roster.unit(unitId);
  if (!unit) throw notFound(UNIT, unitId);
  const bytes = await reportWorkbook(report, { code: unit.code, name: unit.name });
  return {
    filename: `bao-cao-kiem-tra-${unit.code}-${year}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
    size: bytes.length,
    base64: bytes.toString('base64'),
  };
}

/** How many CĐCS are read at once: each costs one or two Queries. */
const AT_ONCE = 10;

/**
 * The CĐCS in the caller's subtree below `unitId` that have at least the rule's number of
 * active members and no UBKT member in office today. Per CĐCS: one Query of its committee's
 * seats, and only where none is in office, one Query of its active members that stops at the
 * threshold, so a large CĐCS costs no more than a small one.
 */
export async function ubktWarnings(
  deps: Pick<InspectionDeps, 'units' | 'seats' | 'roster'>,
  caller: CallerScope,
  unitId: string,
  now: Date,
): Promise<UbktWarningList> {
  await deps.units.assertInScope(caller, unitId);
  const asOf = dayInVietnam(now);
  const rule = ubktRuleOn(asOf);
  const cdcs = await deps.roster.grassrootsIn(unitId);
  const items: UbktWarningList['items'] = [];
  for (let i = 0; i < cdcs.length; i += AT_ONCE) {
    const checked = await Promise.all(
      cdcs.slice(i, i + AT_ONCE).map(async (unit) => {
        const inOffice = (await deps.seats.seatsAt(unit.id)).filter((s) => holdsSeatOn([s], asOf));
        if (inOffice.length > 0) return null;
        const members = await deps.roster.activeMembersUpTo(unit.id, rule.minimumMembers);
        if (!lacksUbkt(rule, members, inOffice.length)) return null;
        return {
          unitId: unit.id,
          code: unit.code,
          name: unit.name,
          parentId: unit.parentId,
          activeMembersAtLeast: members,
        };
      }),
    );
    for (const c of checked) if (c) items.push(c);
  }
  return {
    unitId,
    asOf,
    rule: {
      threshold: rule.minimumMembers,
      text: {
        vi: `CĐCS có từ ${rule.minimumMembers} đoàn viên đang sinh hoạt trở lên phải có ủy ban kiểm tra; cảnh báo khi đến ngày ${asOf} không có ủy viên UBKT nào đang trong nhiệm kỳ (theo sự kiện bổ nhiệm, thôi giữ chức vụ của quản lý đoàn viên).`,
        en: `A CĐCS with ${rule.minimumMembers} or more active members must have an inspection committee; listed when on ${asOf} no UBKT member is in office (from membership’s appointment events).`,
      },
      source: rule.source,
      certainty: rule.certainty,
    },
    checked: cdcs.length,
    items,
  };
}
