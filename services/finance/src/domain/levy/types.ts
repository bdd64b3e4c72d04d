import type { FundingType, Month } from '@congdoan/contracts';

/**
 * The employer levy (kinh phí công đoàn, KPCĐ) of one CĐCS's employing agency,
 * month by month. The agency declares the month's social-insurance payroll; the
 * policy makes 2% of it due where the agency is liable; the agency pays the
 * upper level (the CĐCS's parent), which keeps its share and allocates the
 * CĐCS's share back down.
 */

/** The payroll declaration (tờ khai) of one month, as filed or last corrected. */
export interface LevyDeclaration {
  /** The month's payroll used for compulsory social insurance, in đồng. */
  payroll: number;
  /** Employees on that payroll. */
  headcount: number;
  note: string | null;
  /** The agency's funding type when declared: it decides whether the levy is owed. */
  fundingType: FundingType;
  declaredAt: string;
  declaredBy: string;
  /** 1 for the first filing, +1 per correction. */
  version: number;
}

/** A declaration replaced by a correction, kept with the levy it made due. */
export interface LevyCorrection extends LevyDeclaration {
  due: number;
  replacedAt: string;
  replacedBy: string;
}

/** Part of a payment credited to one month. */
export interface LevyPaymentEntry {
  paymentId: string;
  /** The day the money arrived, `YYYY-MM-DD`. */
  date: string;
  amount: number;
  /** Paid after the month's deadline. */
  late: boolean;
  source: 'manual' | 'bank';
}

export interface LevyPenaltyEntry {
  paymentId: string;
  date: string;
  amount: number;
}

export interface LevyAllocationEntry {
  allocationId: string;
  date: string;
  amount: number;
}

/** Everything stored about one CĐCS's levy for one month. */
export interface LevyMonthState {
  unitId: string;
  month: Month;
  declaration: LevyDeclaration | null;
  corrections: LevyCorrection[];
  payments: LevyPaymentEntry[];
  penaltyPayments: LevyPenaltyEntry[];
  allocations: LevyAllocationEntry[];
  /** Running totals of the lists above, kept in the same updates. */
  paid: number;
  penaltyPaid: number;
  allocated: number;
}

export const emptyLevyMonth = (unitId: string, month: Month): LevyMonthState => ({
  unitId,
  month,
  declaration: null,
  corrections: [],
  payments: [],
  penaltyPayments: [],
  allocations: [],
  paid: 0,
  penaltyPaid: 0,
  allocated: 0,
});

/** One month's part of a payment, as asked. */
export interface MonthAmount {
  month: Month;
  amount: number;
}
