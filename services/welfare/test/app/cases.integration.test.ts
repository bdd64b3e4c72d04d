import { type CreateSupportCaseInput, DomainError, type SupportCase } from '@congdoan/contracts';
import type { Db } from '@congdoan/ddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { everyItem, freshTable } from '../../../../test/support/tables.ts';
import {
  approveCase,
  type CaseCaller,
  closeCase,
  disburseCase,
  getCase,
  listCases,
  openCase,
  rejectCase,
  returnCase,
  submitCase,
  verifyCase,
  withdrawCase,
} from '../../src/app/cases.ts';
import { createFund, getFund, recordMovement, recordPostingAnswer } from '../../src/app/funds.ts';
import type { WelfareDeps } from '../../src/app/ports.ts';
import { CASE_RULES, type CaseRules } from '../../src/domain/case-policy.ts';
import { callerAt, ctxAt, depsOn, outcome } from './world.ts';

/**
 * Support cases on DynamoDB Local: the flow, the checklist, approval limits by level,
 * duplicates, the arrears rule and its override, masking of personal data, the yearly cap
 * under ten parallel disbursements, and finance's answers recorded once.
 */
let db: Db;
let deps: WelfareDeps;
const NOW = '2026-03-10T03:00:00.000Z';
const HEALTH = 'Ung thư giai đoạn 2, đang hóa trị';
const CIRCUMSTANCES = 'Chồng mất sớm, nuôi hai con nhỏ';

/** A caller at a unit, seeing personal data or not (the role decides: desk and approvers do). */
const as = (unitId: string | null, seesPersonal = true, id = 'desk-1'): CaseCaller => {
  const base = callerAt(NOW, unitId);
  return { ...base, write: { ...base.write, actor: { ...base.write.actor, id } }, seesPersonal };
};
const officerA = () => as('cdcs-a', true, 'officer-a');
const officerB = () => as('cdcs-b', true, 'officer-b');
const desk = () => as('upper', true, 'desk-upper');
const province = () => as(null, true, 'province-1');

async function fundAt(unitId: string, amount: number, caps: Parameters<typeof createFund>[3]['caps'] = {}) {
  const fund = await createFund(deps, callerAt(NOW), unitId, { kind: 'hardship', name: 'Quỹ xã hội', caps });
  await recordMovement(deps, callerAt(NOW), fund.id, { type: 'allocation', amount, memo: 'Trích ngân sách' });
  return fund;
}

const draft = (fundId: string, over: Partial<CreateSupportCaseInput> = {}): CreateSupportCaseInput => ({
  fundId,
  memberId: 'ha-a',
  type: 'illness',
  amount: 3_000_000,
  incidentDate: '2026-03-01',
  summary: 'Nằm viện điều trị',
  health: HEALTH,
  circumstances: CIRCUMSTANCES,
  method: 'cash',
  ...over,
});

const ILLNESS_DOCS = ['application', 'hospital-papers'];

/** A case walked to approval: submitted by its officer, verified by the desk, approved by `approver`. */
async function approved(input: CreateSupportCaseInput, approver: CaseCaller = province()) {
  const c = await openCase(deps, officerA(), input);
  await submitCase(deps, officerA(), c.id, {});
  await verifyCase(deps, desk(), c.id, { documents: ILLNESS_DOCS });
  return approveCase(deps, approver, c.id, {});
}

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

const everything = () => everyItem(db);

beforeAll(async () => {
  db = await freshTable('welfare');
  deps = depsOn(db);
});

describe('a support case’s flow', () => {
  it('goes draft → submitted → verified → approved → disbursed → closed, paid from its fund and posted', async () => {
    const fund = await fundAt('upper', 50_000_000);
    const opened = await openCase(deps, officerA(), draft(fund.id));
    expect(opened).toMatchObject({
      status: 'draft',
      unitId: 'cdcs-a',
      fundUnitId: 'upper',
      checklist: { required: ILLNESS_DOCS, seen: [] },
      personal: { health: HEALTH, circumstances: CIRCUMSTANCES },
      duplicate: null,
      arrears: null,
    });
    expect((await submitCase(deps, officerA(), opened.id, {})).status).toBe('submitted');

    // The checklist of the type: every document seen, else 422 naming what is missing.
    const missing = await refusal(verifyCase(deps, desk(), opened.id, { documents: ['application'] }));
    expect(missing.code).toBe('checklist-incomplete');
    expect(missing.detail.en).toContain('hospital-papers');
    // The desk of the fund's level verifies: a CĐCS desk does not, for the upper level's fund.
    const below = await refusal(verifyCase(deps, as('cdcs-a'), opened.id, { documents: ILLNESS_DOCS }));
    expect(below).toMatchObject({ kind: 'forbidden', code: 'fund-desk-only' });
    const verified = await verifyCase(deps, desk(), opened.id, { documents: [...ILLNESS_DOCS, 'application'] });
    expect(verified).toMatchObject({ status: 'verified', checklist: { seen: ILLNESS_DOCS } });

    // A step out of order is a conflict naming the status.
    expect(await outcome(disburseCase(deps, desk(), opened.id, {}))).toBe('conflict:case-step-not-allowed');

    const approvedCase = await approveCase(deps, as('upper', true, 'standing-1'), opened.id, {});
    expect(approvedCase).toMatchObject({ status: 'approved', approval: { by: 'standing-1', level: 'upper' } });

    expect(await outcome(disburseCase(deps, as('cdcs-a'), opened.id, {}))).toBe('forbidden:fund-desk-only');
    const paid = await disburseCase(deps, desk(), opened.id, {});
    expect(paid).toMatchObject({ status: 'disbursed', disbursement: { date: '2026-03-10' } });
    expect(paid.disbursement?.posting?.status).toBe('pending');
    expect((await getFund(deps, { unitId: null }, fund.id)).balance).toBe(47_000_000);

    // The payment request of the disbursement: Nợ 3532, Có 111, its memo naming the case, not the member.
    const requests = (await everything())
      .filter((i) => i.kind === 'outbox' && i.detailType === 'LedgerPostingRequested')
      .map((i) => JSON.parse(String(i.detail)) as { data: { requestId: string; memo: string; lines: unknown[] } })
      .filter((e) => e.data.requestId === paid.disbursement?.posting?.requestId);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.data.memo).toContain(opened.id);
    expect(requests[0]!.data.lines).toEqual([
      { account: '3532', debit: 3_000_000, credit: 0 },
      { account: '111', debit: 0, credit: 3_000_000 },
    ]);

    const closed = await closeCase(deps, desk(), opened.id, {});
    expect(closed.status).toBe('closed');
    expect(closed.history.map((h) => h.step)).toEqual(['create', 'submit', 'verify', 'approve', 'disburse', 'close']);
    expect(await outcome(withdrawCase(deps, officerA(), opened.id, {}))).toBe('conflict:case-step-not-allowed');
  });

  it('is returned for changes and submitted again, rejected with a reason, or withdrawn', async () => {
    const fund = await fundAt('upper', 10_000_000);
    const c = await openCase(deps, officerB(), draft(fund.id, { memberId: 'lan-b', incidentDate: '2025-06-01' }));
    await submitCase(deps, officerB(), c.id, {});
    const back = await returnCase(deps, desk(), c.id, { reason: 'Thiếu giấy ra viện' });
    expect(back).toMatchObject({
      status: 'returned',
      history: [{}, {}, { step: 'return', note: 'Thiếu giấy ra viện' }],
    });
    const again = await submitCase(deps, officerB(), c.id, { amount: 2_500_000 });
    expect(again).toMatchObject({ status: 'submitted', amount: 2_500_000 });
    const rejected = await rejectCase(deps, desk(), c.id, { reason: 'Đã được hỗ trợ từ chương trình khác' });
    expect(rejected).toMatchObject({ status: 'rejected', rejection: 'Đã được hỗ trợ từ chương trình khác' });
    expect(await outcome(approveCase(deps, province(), c.id, {}))).toBe('conflict:case-step-not-allowed');

    const other = await openCase(deps, officerB(), draft(fund.id, { memberId: 'lan-b', incidentDate: '2025-01-01' }));
    expect((await withdrawCase(deps, officerB(), other.id, { note: 'Gia đình tự lo được' })).status).toBe('withdrawn');
  });

  it('answers a case outside the caller’s subtree as a missing one, and lists a unit’s cases by status', async () => {
    const fund = await fundAt('upper', 1_000_000);
    const c = await openCase(deps, officerA(), draft(fund.id, { amount: 100_000, incidentDate: '2024-01-05' }));
    expect(await outcome(getCase(deps, { unitId: 'cdcs-b', seesPersonal: true }, c.id))).toBe('not-found:not-found');
    expect(await outcome(submitCase(deps, as('cdcs-b'), c.id, {}))).toBe('not-found:not-found');
    const drafts = await listCases(deps, { unitId: 'upper', seesPersonal: true }, 'cdcs-a', {
      status: 'draft',
      limit: 50,
    });
    expect(drafts.items.map((i) => i.id)).toContain(c.id);
    expect(drafts.items.every((i) => i.status === 'draft')).toBe(true);
    expect(await outcome(listCases(deps, { unitId: 'cdcs-b', seesPersonal: true }, 'cdcs-a', { limit: 5 }))).toBe(
      'not-found:not-found',
    );
  });
});

describe('approval limits by amount and level (policy data)', () => {
  it('refuses an approval above the approver’s limit, naming the level needed', async () => {
    const fund = await fundAt('cdcs-a', 100_000_000);
    const chair = as('cdcs-a', true, 'chair-a');
    // Within the CĐCS chair's limit (5,000,000).
    expect((await approved(draft(fund.id, { amount: 5_000_000, incidentDate: '2023-01-01' }), chair)).status).toBe(
      'approved',
    );

    const big = await openCase(deps, officerA(), draft(fund.id, { amount: 8_000_000, incidentDate: '2023-06-01' }));
    await submitCase(deps, officerA(), big.id, {});
    await verifyCase(deps, desk(), big.id, { documents: ILLNESS_DOCS });
    const refused = await refusal(approveCase(deps, chair, big.id, {}));
    expect(refused).toMatchObject({ kind: 'forbidden', code: 'approval-above-limit' });
    expect(refused.detail.en).toContain('level "upper"');
    expect(refused.detail.vi).toContain('Ban Thường vụ');
    expect((await getCase(deps, { unitId: null, seesPersonal: true }, big.id)).status).toBe('verified');
    expect((await approveCase(deps, as('upper', true, 'standing-1'), big.id, {})).approval).toMatchObject({
      level: 'upper',
      limit: 30_000_000,
    });

    const house = await openCase(
      deps,
      officerA(),
      draft(fund.id, { type: 'housing', amount: 40_000_000, incidentDate: '2023-09-01' }),
    );
    await submitCase(deps, officerA(), house.id, {});
    await verifyCase(deps, desk(), house.id, { documents: ['application', 'local-confirmation', 'housing-estimate'] });
    const upper = await refusal(approveCase(deps, as('upper'), house.id, {}));
    expect(upper.detail.en).toContain('level "province"');
    expect((await approveCase(deps, as('province'), house.id, {})).approval?.level).toBe('province');
  });

  it('needs the fund’s own level at least: a CĐCS chair does not approve a case paid from the upper level’s fund', async () => {
    const fund = await fundAt('upper', 10_000_000);
    const c = await openCase(deps, officerA(), draft(fund.id, { amount: 1_000_000, incidentDate: '2022-01-01' }));
    await submitCase(deps, officerA(), c.id, {});
    await verifyCase(deps, desk(), c.id, { documents: ILLNESS_DOCS });
    const refused = await refusal(approveCase(deps, as('cdcs-a'), c.id, {}));
    expect(refused.code).toBe('approval-above-limit');
    expect(refused.detail.en).toContain('level "upper"');
  });
});

describe('duplicates', () => {
  it('flags the same member, type and incident within the window; the officer confirms with a reason', async () => {
    const fund = await fundAt('upper', 10_000_000);
    const first = await openCase(deps, officerB(), draft(fund.id, { memberId: 'lan-b', incidentDate: '2021-04-10' }));
    const again = await refusal(
      openCase(deps, officerB(), draft(fund.id, { memberId: 'lan-b', incidentDate: '2021-04-25' })),
    );
    expect(again).toMatchObject({ kind: 'conflict', code: 'case-possible-duplicate' });
    expect(again.detail.en).toContain(first.id);
    expect(again.detail.en).not.toContain(HEALTH);

    const confirmed = await openCase(
      deps,
      officerB(),
      draft(fund.id, { memberId: 'lan-b', incidentDate: '2021-04-25', duplicateReason: 'Lần nhập viện thứ hai' }),
    );
    expect(confirmed.duplicate).toMatchObject({ of: [first.id], reason: 'Lần nhập viện thứ hai', by: 'officer-b' });

    // Another type, or an incident outside the window (60 days), is no duplicate.
    expect(
      (
        await openCase(
          deps,
          officerB(),
          draft(fund.id, { memberId: 'lan-b', type: 'accident', incidentDate: '2021-04-10' }),
        )
      ).duplicate,
    ).toBeNull();
    expect(
      (await openCase(deps, officerB(), draft(fund.id, { memberId: 'lan-b', incidentDate: '2021-08-01' }))).duplicate,
    ).toBeNull();
  });

  it('meets a duplicate drafted meanwhile on submission, and a withdrawn case is no longer one', async () => {
    const fund = await fundAt('upper', 10_000_000);
    const a = await openCase(deps, officerB(), draft(fund.id, { memberId: 'lan-b', incidentDate: '2020-02-01' }));
    const b = await openCase(
      deps,
      officerB(),
      draft(fund.id, { memberId: 'lan-b', incidentDate: '2020-02-03', duplicateReason: 'Hai lần khác nhau' }),
    );
    // `a` was drafted first, before `b` existed: its submission meets `b`.
    expect(await outcome(submitCase(deps, officerB(), a.id, {}))).toBe('conflict:case-possible-duplicate');
    expect((await submitCase(deps, officerB(), a.id, { duplicateReason: 'Đã xác minh' })).duplicate?.of).toEqual([
      b.id,
    ]);
    await withdrawCase(deps, officerB(), b.id, {});
    const third = await refusal(
      openCase(deps, officerB(), draft(fund.id, { memberId: 'lan-b', incidentDate: '2020-02-02' })),
    );
    expect(third.detail.en).toContain(a.id);
    expect(third.detail.en).not.toContain(b.id);
  });
});

describe('eligibility', () => {
  const standing = (months: number, version: number) => ({
    memberId: 'lan-b',
    unitId: 'cdcs-b',
    asOf: '2026-02',
    monthsInArrears: months,
    outstanding: months * 50_000,
    removalCandidate: false,
    version,
  });

  it('refuses a member in arrears; the rules may allow one with a recorded reason; a paid-up standing clears it', async () => {
    const arrearsDb = await freshTable('welfare');
    const d = depsOn(arrearsDb);
    const fund = await createFund(d, callerAt(NOW), 'upper', { kind: 'hardship', name: 'Quỹ' });
    const input = draft(fund.id, { memberId: 'lan-b', incidentDate: '2026-03-01' });
    expect(await d.dues.apply(standing(3, 2), ctxAt(NOW))).toBe(true);
    // An older or repeated announcement changes nothing.
    expect(await d.dues.apply(standing(0, 1), ctxAt(NOW))).toBe(false);
    expect(await d.dues.apply(standing(3, 2), ctxAt(NOW))).toBe(false);

    const refused = await refusal(openCase(d, officerB(), input));
    expect(refused).toMatchObject({ kind: 'unprocessable', code: 'beneficiary-in-arrears' });
    expect(refused.detail.en).toContain('3 months');

    const allowed = await openCase(d, officerB(), { ...input, arrearsReason: 'Hoàn cảnh đặc biệt, BCH đồng ý' });
    expect(allowed.arrears).toMatchObject({ monthsInArrears: 3, reason: 'Hoàn cảnh đặc biệt, BCH đồng ý' });

    // Rules that allow no arrears refuse even with a reason.
    const strict: CaseRules[] = [{ ...CASE_RULES[0]!, arrearsAllowedWithReason: false }];
    const withReason = { ...input, arrearsReason: 'Xin ngoại lệ', duplicateReason: 'Khác lần trước' };
    expect(await outcome(openCase(d, officerB(), withReason, strict))).toBe('unprocessable:beneficiary-in-arrears');

    await d.dues.apply(standing(0, 3), ctxAt(NOW));
    const paidUp = await openCase(d, officerB(), { ...input, duplicateReason: 'Khác lần trước' }, strict);
    expect(paidUp.arrears).toBeNull();

    // Eligibility is looked at again on approval: arrears since the case was opened stop it.
    await submitCase(d, officerB(), paidUp.id, {});
    await verifyCase(d, desk(), paidUp.id, { documents: ILLNESS_DOCS });
    await d.dues.apply(standing(4, 4), ctxAt(NOW));
    expect(await outcome(approveCase(d, province(), paidUp.id, {}))).toBe('unprocessable:beneficiary-in-arrears');
    // The case opened with a recorded reason goes through on it.
    await submitCase(d, officerB(), allowed.id, { duplicateReason: 'Khác lần trước' });
    await verifyCase(d, desk(), allowed.id, { documents: ILLNESS_DOCS });
    expect((await approveCase(d, province(), allowed.id, {})).status).toBe('approved');
    await d.dues.apply(standing(0, 5), ctxAt(NOW));
    expect((await approveCase(d, province(), paidUp.id, {})).status).toBe('approved');
  });

  it('refuses a member outside the fund’s unit', async () => {
    const fund = await fundAt('cdcs-a', 1_000_000);
    expect(await outcome(openCase(deps, as('upper'), draft(fund.id, { memberId: 'lan-b' })))).toBe(
      'unprocessable:member-outside-fund',
    );
  });
});

describe('health details and circumstances', () => {
  it('are shown to the desk and approvers only, and never reach the audit or the outbox', async () => {
    const fund = await fundAt('upper', 5_000_000);
    const c = await approved(draft(fund.id, { amount: 1_000_000, incidentDate: '2019-05-05' }));
    await disburseCase(deps, desk(), c.id, {});
    const accountant = { unitId: 'cdcs-a', seesPersonal: false };
    const seen = await getCase(deps, accountant, c.id);
    expect(seen.personal).toBeNull();
    expect(seen).toMatchObject({ id: c.id, amount: 1_000_000, status: 'disbursed', summary: 'Nằm viện điều trị' });
    expect((await getCase(deps, { unitId: 'upper', seesPersonal: true }, c.id)).personal).toEqual({
      health: HEALTH,
      circumstances: CIRCUMSTANCES,
    });
    const listed = await listCases(deps, accountant, 'cdcs-a', { status: 'disbursed', limit: 50 });
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.every((i) => i.personal === null)).toBe(true);
    expect(
      (
        await submitCase(
          deps,
          as('cdcs-a', false),
          (
            await openCase(deps, as('cdcs-a', false), draft(fund.id, { incidentDate: '2019-01-01', amount: 1_000 }))
          ).id,
          {},
        )
      ).personal,
    ).toBeNull();

    // Only the case's own item holds them.
    const holding = (await everything()).filter(
      (i) => JSON.stringify(i).includes(HEALTH) || JSON.stringify(i).includes(CIRCUMSTANCES),
    );
    expect(holding.length).toBeGreaterThan(0);
    expect(holding.every((i) => i.kind === 'support-case')).toBe(true);
  });
});

describe('the member’s yearly cap under concurrency', () => {
  it('ten approved cases for one member whose cap allows two: exactly two are disbursed', async () => {
    const fund = await fundAt('upper', 100_000_000, { illness: { perMemberYear: 2_000_000 } });
    const cases: SupportCase[] = [];
    for (let i = 0; i < 10; i++) {
      cases.push(
        await approved(
          draft(fund.id, {
            amount: 1_000_000,
            incidentDate: `2018-02-${String(i + 10)}`,
            duplicateReason: `Đợt điều trị ${i + 1}`,
          }),
        ),
      );
    }
    // Each disbursement from its own store, as separate Lambda instances.
    const outcomes = await Promise.all(cases.map((c) => outcome(disburseCase(depsOn(db), desk(), c.id, {}))));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'conflict:member-year-cap-reached')).toHaveLength(8);
    const after = await Promise.all(cases.map((c) => getCase(deps, { unitId: null, seesPersonal: true }, c.id)));
    expect(after.filter((c) => c.status === 'disbursed')).toHaveLength(2);
    expect(after.filter((c) => c.status === 'approved')).toHaveLength(8);
    expect((await getFund(deps, { unitId: null }, fund.id)).balance).toBe(98_000_000);
  });
});

describe('one case, two desks at once', () => {
  it('is approved once and paid once: the other attempt changes nothing', async () => {
    const fund = await fundAt('upper', 5_000_000);
    const c = await openCase(deps, officerA(), draft(fund.id, { amount: 900_000, incidentDate: '2016-06-06' }));
    await submitCase(deps, officerA(), c.id, {});
    await verifyCase(deps, desk(), c.id, { documents: ILLNESS_DOCS });
    const approvals = await Promise.all([1, 2, 3].map(() => outcome(approveCase(depsOn(db), province(), c.id, {}))));
    expect(approvals.filter((o) => o === 'ok')).toHaveLength(1);
    expect(
      approvals.filter((o) => o === 'conflict:case-changed' || o === 'conflict:case-step-not-allowed'),
    ).toHaveLength(2);
    const payments = await Promise.all([1, 2, 3].map(() => outcome(disburseCase(depsOn(db), desk(), c.id, {}))));
    expect(payments.filter((o) => o === 'ok')).toHaveLength(1);
    expect(
      payments.filter((o) => o === 'conflict:case-changed' || o === 'conflict:case-step-not-allowed'),
    ).toHaveLength(2);
    expect(await getFund(deps, { unitId: null }, fund.id)).toMatchObject({ balance: 4_100_000, disbursed: 900_000 });
    const read = await getCase(deps, { unitId: null, seesPersonal: true }, c.id);
    expect(read.history.filter((h) => h.step === 'disburse')).toHaveLength(1);
  });
});

describe('finance’s answer to a case’s disbursement', () => {
  it('is recorded once: a redelivered LedgerPosted or a later LedgerPostingRejected changes nothing', async () => {
    const fund = await fundAt('upper', 5_000_000);
    const c = await approved(draft(fund.id, { amount: 700_000, incidentDate: '2017-07-07' }));
    const paid = await disburseCase(deps, desk(), c.id, {});
    const requestId = paid.disbursement!.posting!.requestId;
    const posted = { status: 'posted' as const, postingId: `welfare:${requestId}`, voucherNumber: 'PC-2026-0009' };
    expect(await recordPostingAnswer(deps, requestId, posted, 'evt-case-1', ctxAt(NOW))).toBe('applied');
    const once = await getCase(deps, { unitId: null, seesPersonal: true }, c.id);
    expect(await recordPostingAnswer(deps, requestId, posted, 'evt-case-1', ctxAt(NOW))).toBe('duplicate');
    const reason = { code: 'books-closed', vi: 'Sổ đã khóa', en: 'Books closed' };
    expect(await recordPostingAnswer(deps, requestId, { status: 'unposted', reason }, 'evt-case-2', ctxAt(NOW))).toBe(
      'duplicate',
    );
    const after = await getCase(deps, { unitId: null, seesPersonal: true }, c.id);
    expect(after).toEqual(once);
    expect(after.disbursement?.posting).toMatchObject({ status: 'posted', voucherNumber: 'PC-2026-0009' });
    expect((await getFund(deps, { unitId: null }, fund.id)).balance).toBe(4_300_000);
  });
});
