/**
 * Finance's part of the BOLA matrix (test/e2e/bola.fresh.e2e.test.ts): real ids from the
 * demo finance history of the victim CĐCS (seed 001's: dues, levy, an allocation, a
 * reconciliation) and of its upper level (the bank statement), read through the API,
 * and a valid body or query for each route with a path parameter that needs one.
 */
import type { Api, BolaFixture } from '../../../test/support/bola.ts';

const MONTH = '2025-06';
const YEAR = '2025';

/** The first `"<field>":"<value>"` anywhere in an answer (for fields only one kind of thing has). */
async function first(api: Api, path: string, field: string): Promise<string> {
  const res = await api.get(path);
  const match = new RegExp(`"${field}":"([^"]+)"`).exec(JSON.stringify(res.body));
  if (res.status !== 200 || !match)
    throw new Error(`no ${field} in ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return match[1]!;
}

/** The id of the first item of a list. */
async function firstItem(api: Api, path: string): Promise<string> {
  const res = await api.get(path);
  const id = (res.body as { items?: { id?: string }[] }).items?.[0]?.id;
  if (res.status !== 200 || !id) throw new Error(`no item in ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

export const bola: BolaFixture = {
  async ids({ admin, victim }) {
    const unit = victim.unitId;
    const upper = victim.upperId;
    const [member, posting, payment, allocation, run, statement, line] = await Promise.all([
      firstItem(admin, `/v1/membership/units/${unit}/members?status=active&limit=1`),
      firstItem(admin, `/v1/finance/units/${unit}/ledger/postings?limit=1`),
      first(admin, `/v1/finance/units/${unit}/levy/${MONTH}`, 'paymentId'),
      first(admin, `/v1/finance/units/${unit}/levy/${MONTH}`, 'allocationId'),
      first(admin, `/v1/finance/units/${unit}/reconciliations?year=${YEAR}`, 'runId'),
      firstItem(admin, `/v1/finance/units/${upper}/bank-statements`),
      firstItem(admin, `/v1/finance/units/${upper}/bank-lines`),
    ]);
    return {
      units: unit,
      upper,
      members: member,
      postingId: posting,
      paymentId: payment,
      allocationId: allocation,
      runId: run,
      statementId: statement,
      lineId: line,
    };
  },
  // Bank statements are the upper level's, which receives the levy.
  routeIds: (ids) => {
    const atUpper = { units: ids.upper! };
    return {
      getBankStatement: atUpper,
      getBankLine: atUpper,
      confirmBankLine: atUpper,
      ignoreBankLine: atUpper,
    };
  },
  fixed: { month: MONTH, year: YEAR },
  bodies: {
    createLedgerPosting: () => ({
      date: '2025-06-30',
      memo: 'Chi hoạt động',
      lines: [
        { account: '111', debit: 0, credit: 1_000 },
        { account: '6111', debit: 1_000, credit: 0 },
      ],
    }),
    reverseLedgerPosting: () => ({ date: '2025-07-30' }),
    putBudget: () => ({ amounts: { dues: 1_000 } }),
    recordDuesRateResolution: () => ({
      resolutionNumber: '1/NQ',
      resolutionDate: '2025-01-02',
      effectiveFrom: '2025-02',
      rateBp: 100,
    }),
    remitDues: () => ({ month: MONTH, amount: 1_000, date: '2025-07-01', method: 'cash' }),
    collectDues: () => ({ batch: true, date: '2025-06-25', method: 'cash' }),
    putLevyDeclaration: () => ({ payroll: 1_000_000, headcount: 1 }),
    recordLevyPayment: () => ({ date: '2025-07-01', amount: 1_000, months: [{ month: MONTH, amount: 1_000 }] }),
    allocateLevy: () => ({ month: MONTH, amount: 1_000, date: '2025-07-25' }),
    importBankStatement: () => ({ fileName: 'sao-ke.csv', content: 'Ngày;Số tiền\n01/07/2025;1000' }),
    confirmBankLine: (ids) => ({ unitId: ids.units, months: [{ month: MONTH, amount: 1_000 }] }),
    ignoreBankLine: () => ({ reason: 'Không phải KPCĐ' }),
    closeFinanceBooks: () => ({ date: '2025-12-31' }),
    lockAccountingPeriod: () => ({ note: 'Biên bản khóa sổ tháng' }),
    reopenAccountingPeriod: () => ({ reason: 'Sửa bút toán ghi sai' }),
  },
  queries: {
    listVouchers: () => ({ year: YEAR, kind: 'receipt' }),
    getDuesArrears: () => ({ from: '2025-01', to: MONTH }),
    listDuesRemittances: () => ({ year: YEAR }),
    getMemberDues: () => ({ from: '2025-01', to: MONTH }),
    getLevyYear: () => ({ year: YEAR }),
    listUnitReconciliations: () => ({ year: YEAR }),
    getFinanceDashboard: () => ({ month: MONTH }),
    listAccountingPeriods: () => ({ year: YEAR }),
  },
};
