import {
  DISCIPLINE_FORMS,
  type DisciplineForm,
  FINDING_SEVERITIES,
  INSPECTION_TYPES,
  type Inspection,
  type InspectionReport,
  type LocalizedText,
  type Recommendation,
} from '@congdoan/contracts';
import type { PlanRecord } from './plan.ts';

/**
 * The annual inspection report's figures, each computed by one rule stated beside it. Pure: the
 * use case reads the year's plans, inspections, their recommendations and the discipline
 * milestones, and these functions count them.
 */

const rule = (vi: string, en: string): LocalizedText => ({ vi, en });
const tally = <K extends string, V>(keys: readonly K[], zero: () => V) =>
  Object.fromEntries(keys.map((k) => [k, zero()])) as Record<K, V>;

const isConcluded = (i: Pick<Inspection, 'stage'>) => i.stage === 'concluded' || i.stage === 'recommended';

export function inspectionFigures(
  year: number,
  plans: readonly PlanRecord[],
  inspections: readonly Inspection[],
): InspectionReport['inspections'] {
  const zero = () => ({ planned: 0, plannedDone: 0, decided: 0, concluded: 0, inProgress: 0 });
  const byType = tally(INSPECTION_TYPES, zero);
  const total = zero();
  for (const item of plans.filter((p) => p.year === year).flatMap((p) => p.items)) {
    for (const f of [byType[item.type], total]) {
      f.planned += 1;
      if (item.done) f.plannedDone += 1;
    }
  }
  for (const i of inspections) {
    for (const f of [byType[i.type], total]) {
      f.decided += 1;
      if (isConcluded(i)) f.concluded += 1;
      else f.inProgress += 1;
    }
  }
  return {
    total,
    byType,
    rules: {
      planned: rule(
        `Số nội dung trong các kế hoạch kiểm tra năm ${year} của đơn vị (kế hoạch nháp và đã duyệt).`,
        `Items of the unit's inspection plans for ${year} (draft and approved).`,
      ),
      plannedDone: rule(
        'Nội dung kế hoạch đã thực hiện: cuộc kiểm tra theo nội dung đó đã có kết luận, hoặc đã ghi nhận thực hiện (giám sát cơ quan, đơn vị sử dụng lao động).',
        'Plan items done: the inspection carrying it out was concluded, or it was recorded done by hand (supervision of an employer).',
      ),
      decided: rule(
        `Cuộc kiểm tra do UBKT của đơn vị ra quyết định, có ngày quyết định trong năm ${year}.`,
        `Inspections the unit's UBKT decided, the decision dated in ${year}.`,
      ),
      concluded: rule(
        'Trong số đó, đã có kết luận kiểm tra (tính đến ngày lập báo cáo).',
        'Of those, concluded (as of the report day).',
      ),
      inProgress: rule(
        'Trong số đó, chưa có kết luận: đang thành lập đoàn, kiểm tra thực tế hoặc ghi nhận phát hiện.',
        'Of those, not concluded yet: team, fieldwork or findings.',
      ),
    },
  };
}

export function findingFigures(inspections: readonly Inspection[]): InspectionReport['findings'] {
  const zero = () => ({ count: 0, withAmount: 0, amount: 0 });
  const bySeverity = tally(FINDING_SEVERITIES, zero);
  const total = zero();
  for (const f of inspections.flatMap((i) => i.findings)) {
    for (const t of [bySeverity[f.severity], total]) {
      t.count += 1;
      if (f.amount !== null) {
        t.withAmount += 1;
        t.amount += f.amount;
      }
    }
  }
  return {
    total,
    bySeverity,
    rules: {
      count: rule(
        'Số phát hiện ghi nhận trong các cuộc kiểm tra quyết định trong năm, theo mức độ (nhẹ, trung bình, nghiêm trọng).',
        'Findings recorded by the inspections decided in the year, by severity (minor, moderate, serious).',
      ),
      withAmount: rule('Số phát hiện có liên quan đến tiền.', 'Findings where money is involved.'),
      amount: rule(
        'Tổng số tiền của các phát hiện có liên quan đến tiền, đồng (số nguyên, không làm tròn).',
        'The sum of the money involved in those findings, in whole đồng (no rounding).',
      ),
    },
  };
}

/** A recommendation is overdue when its deadline passed and it is not done, whether or not the daily run has marked it yet. */
export const overdueOn = (r: Pick<Recommendation, 'status' | 'deadline'>, day: string) =>
  r.status === 'overdue' || (r.status !== 'done' && r.deadline < day);

export function recommendationFigures(
  recommendations: readonly Recommendation[],
  asOf: string,
): InspectionReport['recommendations'] {
  const overdue = recommendations.filter((r) => overdueOn(r, asOf)).length;
  const done = recommendations.filter((r) => r.status === 'done').length;
  return {
    made: recommendations.length,
    done,
    open: recommendations.length - done - overdue,
    overdue,
    rules: {
      made: rule(
        'Kiến nghị của các cuộc kiểm tra quyết định trong năm.',
        'Recommendations of the inspections decided in the year.',
      ),
      done: rule('Đã thực hiện xong (trạng thái "đã thực hiện").', 'Done (status done).'),
      open: rule(
        'Chưa thực hiện xong và chưa đến hạn: mới hoặc đang thực hiện, hạn từ ngày lập báo cáo trở đi.',
        'Not done and not yet due: open or in progress, the deadline on or after the report day.',
      ),
      overdue: rule(
        'Quá hạn: đã qua hạn mà chưa thực hiện xong (kể cả khi lịch hằng ngày chưa kịp đánh dấu).',
        'Overdue: the deadline passed, not done (even before the daily run has marked it).',
      ),
    },
  };
}

export interface Milestone {
  milestone: 'decided' | 'lapsed' | 'revoked';
  form: DisciplineForm;
}

export function disciplineFigures(
  year: number,
  milestones: readonly Milestone[],
  lapseMonths: number,
): InspectionReport['discipline'] {
  const zero = () => ({ decided: 0, lapsed: 0, revoked: 0 });
  const byForm = tally(DISCIPLINE_FORMS, zero);
  const total = zero();
  for (const m of milestones) {
    byForm[m.form][m.milestone] += 1;
    total[m.milestone] += 1;
  }
  return {
    total,
    byForm,
    rules: {
      decided: rule(
        `Quyết định kỷ luật do đơn vị ban hành, ngày quyết định trong năm ${year}, theo hình thức.`,
        `Discipline decisions the unit issued, dated in ${year}, by form.`,
      ),
      lapsed: rule(
        `Quyết định của đơn vị hết hiệu lực trong năm ${year}: đủ ${lapseMonths} tháng không tái phạm.`,
        `The unit's decisions that lapsed in ${year}: ${lapseMonths} months passed without reoffending.`,
      ),
      revoked: rule(
        `Quyết định của đơn vị bị hủy bỏ bằng quyết định ngày trong năm ${year} (như chưa từng áp dụng).`,
        `The unit's decisions revoked by a decision dated in ${year} (as if never applied).`,
      ),
    },
  };
}
