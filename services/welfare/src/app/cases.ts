import {
  type CreateSupportCaseInput,
  type DisburseSupportCaseInput,
  dayInVietnam,
  type SubmitSupportCaseInput,
  type SupportCase,
  type SupportCaseNoteInput,
  type SupportCaseReasonInput,
  type SupportCaseStatus,
  type VerifySupportCaseInput,
  WelfareLedgerPostingRequested,
} from '@congdoan/contracts';
import { event } from '@congdoan/ddb';
import { ENDED, maskedFor, missingDocuments, type StepName, stepped, windowAround } from '../domain/case.ts';
import {
  APPROVAL_LIMITS,
  approvalCheck,
  CASE_RULES,
  type CaseRules,
  inForce,
  LEVEL_NAMES,
} from '../domain/case-policy.ts';
import {
  approvalAboveLimit,
  beneficiaryInArrears,
  beneficiaryNotActive,
  casePossibleDuplicate,
  checklistIncomplete,
  memberOutsideFund,
  notTheFundsDesk,
} from '../domain/errors.ts';
import { checkMovement, checkMovementDate, postingRequestOf } from '../domain/fund.ts';
import { getFund, newMovement } from './funds.ts';
import type { Caller, CallerScope, WelfareDeps } from './ports.ts';

const CASE = { vi: 'hồ sơ hỗ trợ', en: 'support case' };

/** A caller of the case routes: whether their role may see health details and circumstances (desk, approvers). */
export interface CaseReader extends CallerScope {
  seesPersonal: boolean;
}
export interface CaseCaller extends Caller {
  seesPersonal: boolean;
}

/** The case's rules on a day: the table in force (policy data; a test or a province may pass its own). */
const rulesOn = (day: string, rules: readonly CaseRules[]) => inForce(rules, day, 'support-case rules');

/** The case as the caller may see it: missing or outside their subtree, the same 404. */
async function visibleCase(deps: WelfareDeps, caller: CallerScope, id: string): Promise<SupportCase> {
  return deps.units.visible(caller, await deps.cases.get(id), (c) => c.unitId, CASE, id);
}

/** The fund a case the caller may see is paid from (the case's visibility is the caller's right to it). */
const caseFund = (deps: WelfareDeps, c: SupportCase) => getFund(deps, { unitId: null }, c.fundId);

/**
 * The desk's steps (verify, return, reject, disburse, close) are the owning level's: the
 * caller's subtree holds the fund's unit (a CĐCS desk does not verify or pay for the upper
 * level's fund). A step of the flow is checked first, so a case in the wrong status says so.
 */
async function assertFundsDesk(deps: WelfareDeps, caller: Caller, c: SupportCase, name: StepName) {
  if (caller.unitId !== null && !(await deps.units.isWithin(caller.unitId, c.fundUnitId))) throw notTheFundsDesk(name);
}

/** The caps of the fund for the case's type, checked for one grant as a disbursement would be. */
function checkCaps(
  fund: Parameters<typeof checkMovement>[0],
  c: Pick<SupportCase, 'type' | 'amount' | 'memberId' | 'method'>,
  day: string,
) {
  return checkMovement(
    fund,
    {
      type: 'disbursement',
      method: c.method,
      amount: c.amount,
      memo: 'hỗ trợ',
      caseType: c.type,
      beneficiaryId: c.memberId,
    },
    day,
  );
}

/**
 * Open cases of the member, type and incident window other than `self`: a duplicate needs a
 * reason, and a confirmation covers the cases it names only.
 */
async function duplicatesOf(
  deps: WelfareDeps,
  c: Pick<SupportCase, 'memberId' | 'type' | 'incidentDate'>,
  days: number,
  self?: string,
) {
  const { from, to } = windowAround(c.incidentDate, days);
  const found = await deps.cases.ofMember(c.memberId, c.type, from, to);
  return found.filter((o) => o.id !== self && !ENDED.includes(o.status)).map((o) => o.id);
}

/**
 * The member's dues arrears as the rules see them: none (paid up, or a member finance never
 * announced), or more months than allowed, which only a recorded reason lets through, where
 * the rules allow one (`beneficiary-in-arrears` otherwise).
 */
async function arrearsOf(
  deps: WelfareDeps,
  memberId: string,
  rule: CaseRules,
  reason: { reason: string; by: string; at: string } | null,
): Promise<SupportCase['arrears']> {
  const months = (await deps.dues.get(memberId))?.monthsInArrears ?? 0;
  if (months <= rule.maxMonthsInArrears) return null;
  if (!rule.arrearsAllowedWithReason || !reason) {
    throw beneficiaryInArrears(months, rule.maxMonthsInArrears, rule.arrearsAllowedWithReason);
  }
  return { monthsInArrears: months, ...reason };
}

/**
 * A CĐCS officer's draft of a support case. The beneficiary is a member the caller may see,
 * active, in the fund's unit or below it, with dues paid up (finance's standing) unless the
 * rules allow arrears with a recorded reason; the amount within the fund's caps for the type;
 * a possible duplicate (same member, type, incident within the window) needs a reason.
 */
export async function openCase(
  deps: WelfareDeps,
  caller: CaseCaller,
  input: CreateSupportCaseInput,
  rules: readonly CaseRules[] = CASE_RULES,
): Promise<SupportCase> {
  const member = await deps.members.get(caller, input.memberId);
  const found = await deps.funds.get(input.fundId);
  // The fund is the member's unit's or a unit's above it (the upper level's housing fund): a
  // CĐCS officer proposes, the fund's owner pays. Any other fund is the caller's 404, or not the member's.
  if (!found || !(await deps.units.isWithin(found.unitId, member.unitId))) {
    await getFund(deps, caller, input.fundId);
    throw memberOutsideFund();
  }
  const fund = found;
  if (member.status !== 'active') throw beneficiaryNotActive();
  const now = caller.write.now().toISOString();
  const today = dayInVietnam(caller.write.now());
  const by = caller.write.actor.id;
  const rule = rulesOn(today, rules);
  checkCaps(fund, { ...input, memberId: member.id }, today);

  const arrears = await arrearsOf(
    deps,
    member.id,
    rule,
    input.arrearsReason ? { reason: input.arrearsReason, by, at: now } : null,
  );

  const others = await duplicatesOf(deps, input, rule.duplicateWindowDays);
  if (others.length > 0 && !input.duplicateReason) throw casePossibleDuplicate(others, rule.duplicateWindowDays);

  const c: SupportCase = {
    id: caller.write.newId(),
    fundId: fund.id,
    fundUnitId: fund.unitId,
    unitId: member.unitId,
    memberId: member.id,
    type: input.type,
    amount: input.amount,
    method: input.method,
    incidentDate: input.incidentDate,
    summary: input.summary,
    personal: { health: input.health ?? null, circumstances: input.circumstances ?? null },
    status: 'draft',
    checklist: { required: [...rule.checklists[input.type]], seen: [] },
    duplicate:
      others.length > 0 && input.duplicateReason ? { of: others, reason: input.duplicateReason, by, at: now } : null,
    arrears,
    approval: null,
    disbursement: null,
    rejection: null,
    history: [{ step: 'create', status: 'draft', by, at: now, note: null }],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await deps.cases.create(c, caller.write);
  return maskedFor(c, caller.seesPersonal);
}

/** A case the caller may see, with finance's answer to its disbursement's posting. */
export async function getCase(deps: WelfareDeps, caller: CaseReader, id: string): Promise<SupportCase> {
  const c = await visibleCase(deps, caller, id);
  const posting = await deps.cases.postingOf(c);
  const shown = c.disbursement && posting ? { ...c, disbursement: { ...c.disbursement, posting } } : c;
  return maskedFor(shown, caller.seesPersonal);
}

/** A unit's cases (of one status, or all grouped by status), newest first, paged. */
export async function listCases(
  deps: WelfareDeps,
  caller: CaseReader,
  unitId: string,
  query: { status?: SupportCaseStatus; limit: number; cursor?: string },
) {
  await deps.units.assertInScope(caller, unitId);
  const page = await deps.cases.ofUnit(unitId, query.status, {
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return { items: page.items.map((c) => maskedFor(c, caller.seesPersonal)), nextCursor: page.nextCursor };
}

/** The steps of the fund's owning level's welfare desk. */
const DESK_STEPS: readonly StepName[] = ['return', 'verify', 'reject', 'disburse', 'close'];

/** A step that changes the case only (not its fund): on condition the case is as read. */
async function step(
  deps: WelfareDeps,
  caller: CaseCaller,
  id: string,
  name: StepName,
  note: string | null,
  changes: (c: SupportCase) => Partial<SupportCase> | Promise<Partial<SupportCase>> = () => ({}),
) {
  const before = await visibleCase(deps, caller, id);
  // The flow first (a step not allowed from the status is a conflict), then the step's own rules.
  const after = stepped(before, name, caller.write.actor.id, caller.write.now().toISOString(), note);
  if (DESK_STEPS.includes(name)) await assertFundsDesk(deps, caller, before, name);
  const changed = { ...after, ...(await changes(before)) };
  await deps.cases.update(before, changed, caller.write);
  return maskedFor(changed, caller.seesPersonal);
}

/** Submitted by its officer (again, after a return, with the changes asked for); duplicates are looked for again. */
export function submitCase(
  deps: WelfareDeps,
  caller: CaseCaller,
  id: string,
  input: SubmitSupportCaseInput,
  rules: readonly CaseRules[] = CASE_RULES,
) {
  return step(deps, caller, id, 'submit', null, async (c) => {
    const now = caller.write.now().toISOString();
    const today = dayInVietnam(caller.write.now());
    const rule = rulesOn(today, rules);
    const personal = c.personal ?? { health: null, circumstances: null };
    const changed: SupportCase = {
      ...c,
      amount: input.amount ?? c.amount,
      summary: input.summary ?? c.summary,
      personal: {
        health: input.health ?? personal.health,
        circumstances: input.circumstances ?? personal.circumstances,
      },
    };
    if (changed.amount !== c.amount) checkCaps(await caseFund(deps, c), changed, today);
    // A case drafted while another was (or both at once) meets it here: each confirmation names the cases it saw.
    const others = await duplicatesOf(deps, c, rule.duplicateWindowDays, c.id);
    const unconfirmed = others.filter((o) => !c.duplicate?.of.includes(o));
    if (unconfirmed.length > 0 && !input.duplicateReason)
      throw casePossibleDuplicate(unconfirmed, rule.duplicateWindowDays);
    const duplicate =
      unconfirmed.length > 0 && input.duplicateReason
        ? { of: others, reason: input.duplicateReason, by: caller.write.actor.id, at: now }
        : c.duplicate;
    return { amount: changed.amount, summary: changed.summary, personal: changed.personal, duplicate };
  });
}

/** The welfare desk returns it for changes, with what to change. */
export const returnCase = (deps: WelfareDeps, caller: CaseCaller, id: string, input: SupportCaseReasonInput) =>
  step(deps, caller, id, 'return', input.reason);

/** The owning level's welfare desk verifies it: every document of the type's checklist seen. */
export const verifyCase = (deps: WelfareDeps, caller: CaseCaller, id: string, input: VerifySupportCaseInput) =>
  step(deps, caller, id, 'verify', input.note ?? null, (c) => {
    const seen = [...new Set(input.documents)];
    const missing = missingDocuments(c.checklist.required, seen);
    if (missing.length > 0) throw checklistIncomplete(missing);
    return { checklist: { required: c.checklist.required, seen } };
  });

/**
 * Approved within the approver's limit, the member still eligible: the approver's level (their unit's; the whole tree
 * approves as the province) at or above the fund's and whose limit covers the amount
 * (policy data, effective-dated); otherwise 403 `approval-above-limit` naming the level needed.
 */
export const approveCase = (
  deps: WelfareDeps,
  caller: CaseCaller,
  id: string,
  input: SupportCaseNoteInput,
  rules: readonly CaseRules[] = CASE_RULES,
) =>
  step(deps, caller, id, 'approve', input.note ?? null, async (c) => {
    const today = dayInVietnam(caller.write.now());
    // Eligibility again, as of the decision: still an active member, and no arrears beyond
    // what the case's recorded reason let through when it was opened.
    const member = await deps.members.get({ unitId: null }, c.memberId);
    if (member.status !== 'active') throw beneficiaryNotActive();
    const recorded = c.arrears && { reason: c.arrears.reason, by: c.arrears.by, at: c.arrears.at };
    await arrearsOf(deps, c.memberId, rulesOn(today, rules), recorded);
    const limits = inForce(APPROVAL_LIMITS, today, 'approval limits');
    const level = caller.unitId === null ? 'province' : await deps.units.levelOf(caller.unitId);
    const fundLevel = (await deps.units.levelOf(c.fundUnitId)) ?? 'grassroots';
    const check = approvalCheck(limits, level ?? 'group', fundLevel, c.amount);
    if (!check.allowed) throw approvalAboveLimit(c.amount, check.limit, LEVEL_NAMES[check.needed], check.needed);
    return {
      approval: { by: caller.write.actor.id, level: level ?? 'province', limit: check.limit, source: limits.source },
    };
  });

/** Rejected with its reason. */
export const rejectCase = (deps: WelfareDeps, caller: CaseCaller, id: string, input: SupportCaseReasonInput) =>
  step(deps, caller, id, 'reject', input.reason, () => ({ rejection: input.reason }));

/** Withdrawn by its officer, until it is paid. */
export const withdrawCase = (deps: WelfareDeps, caller: CaseCaller, id: string, input: SupportCaseNoteInput) =>
  step(deps, caller, id, 'withdraw', input.note ?? null);

/** Closed once paid. */
export const closeCase = (deps: WelfareDeps, caller: CaseCaller, id: string, input: SupportCaseNoteInput) =>
  step(deps, caller, id, 'close', input.note ?? null);

/**
 * Pays an approved case from its fund: one transaction holds the fund's balance (never below
 * zero: 409 `fund-balance-insufficient`), the member's yearly total of the type within its cap
 * (409 `member-year-cap-reached`), the case still approved (409 `case-changed`), the
 * disbursement's movement and its `WelfareLedgerPostingRequested` (Nợ 353x, Có 111/112, a
 * phiếu chi). The ledger memo names the case, never the member or their circumstances.
 */
export async function disburseCase(deps: WelfareDeps, caller: CaseCaller, id: string, input: DisburseSupportCaseInput) {
  const before = await visibleCase(deps, caller, id);
  const fund = await caseFund(deps, before);
  const today = dayInVietnam(caller.write.now());
  const date = input.date ?? today;
  const movement = newMovement(caller, fund, {
    type: 'disbursement',
    method: before.method,
    amount: before.amount,
    date,
    memo: `Chi hỗ trợ theo hồ sơ ${before.id}`,
    caseType: before.type,
    beneficiaryId: before.memberId,
    memberId: null,
    loanId: null,
  });
  const after = stepped(before, 'disburse', caller.write.actor.id, movement.at, null, {
    disbursement: { movementId: movement.id, at: movement.at, date },
  });
  await assertFundsDesk(deps, caller, before, 'disburse');
  checkMovementDate(date, today);
  const yearCap = checkCaps(fund, before, date);
  await deps.cases.disburse(
    fund,
    movement,
    before,
    after,
    [event(WelfareLedgerPostingRequested, postingRequestOf(fund, movement))],
    caller.write,
    yearCap,
  );
  return maskedFor(
    { ...after, disbursement: { movementId: movement.id, at: movement.at, date, posting: movement.posting } },
    caller.seesPersonal,
  );
}
