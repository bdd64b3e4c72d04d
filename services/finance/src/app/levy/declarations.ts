import {
  dayInVietnam,
  type LevyDeclarationInput,
  LevyDeclared,
  type LevyMonthView,
  type Month,
  monthOf,
  staleVersion,
  unprocessable,
} from '@congdoan/contracts';
import { event } from '@congdoan/ddb';
import type { LevyCorrection, LevyDeclaration } from '../../domain/levy/types.ts';
import { fundingTypeIn } from '../../domain/unit-profile.ts';
import { grassrootsUnit } from './access.ts';
import type { LevyCaller, LevyDeps } from './ports.ts';
import { monthView } from './views.ts';

/**
 * Files or corrects a CĐCS agency's payroll declaration for a month and answers
 * the month with the levy it makes due (policy `levy`, with the rule).
 *
 * - Only a grassroots unit whose agency has a tax ID and a funding type in force
 *   for the month; not for a month still to come.
 * - The funding type recorded is the one in force on the month's first day
 *   (`fundingTypeIn`, the profile's funding history), at every filing and
 *   correction: a later change of funding type does not rewrite an earlier month,
 *   and a month filed before the type that governs it was known is corrected to it.
 * - A correction keeps the replaced figures, with the levy they made due, in
 *   `corrections`; with `If-Match` it applies only to that version (else 412).
 * - Sending the figures already on file, under the funding type already recorded, changes nothing.
 */
export async function declareLevy(
  deps: LevyDeps,
  caller: LevyCaller,
  unitId: string,
  month: Month,
  input: LevyDeclarationInput,
  ifMatch: number | undefined,
): Promise<LevyMonthView> {
  const profile = await grassrootsUnit(deps, caller, unitId);
  const fundingType = fundingTypeIn(profile, month);
  if (!profile.taxId || !fundingType) {
    throw unprocessable('levy-agency-incomplete', {
      vi: `Cơ quan của công đoàn cơ sở "${profile.name}" chưa có mã số thuế hoặc loại hình tài chính: hãy cập nhật thông tin đơn vị trước khi kê khai.`,
      en: `The agency of grassroots union "${profile.name}" has no tax ID or funding type yet: update the unit before declaring.`,
    });
  }
  const now = caller.write.now();
  const today = dayInVietnam(now);
  if (month > monthOf(today)) {
    throw unprocessable('levy-month-in-future', {
      vi: `Chưa thể kê khai tháng ${month}: tháng này chưa bắt đầu.`,
      en: `Month ${month} cannot be declared yet: it has not begun.`,
    });
  }
  const policy = await deps.loadPolicy();
  const note = input.note ?? null;

  const attempt = async (): Promise<LevyMonthView> => {
    const state = await deps.levy.getMonth(unitId, month);
    const current = state.declaration;
    const actual = current?.version ?? 0;
    if (ifMatch !== undefined && ifMatch !== actual) throw staleVersion(ifMatch, actual);
    if (
      current &&
      current.payroll === input.payroll &&
      current.headcount === input.headcount &&
      current.note === note &&
      current.fundingType === fundingType
    ) {
      return monthView(state, policy, today, fundingType);
    }
    const due = policy.levy(month, fundingType, input.payroll);
    const declaration: LevyDeclaration = {
      payroll: input.payroll,
      headcount: input.headcount,
      note,
      fundingType,
      declaredAt: now.toISOString(),
      declaredBy: caller.write.actor.id,
      version: actual + 1,
    };
    const previousDue = current ? policy.levy(month, current.fundingType, current.payroll).amount : 0;
    const replaced: LevyCorrection | null = current
      ? { ...current, due: previousDue, replacedAt: declaration.declaredAt, replacedBy: declaration.declaredBy }
      : null;
    await deps.levy.saveDeclaration(
      { unitId, month, before: current, declaration, replaced },
      caller.write,
      [
        event(LevyDeclared, {
          unitId,
          month,
          payroll: declaration.payroll,
          headcount: declaration.headcount,
          due: due.amount,
          liable: due.liable,
          version: declaration.version,
          previous: current ? { payroll: current.payroll, headcount: current.headcount, due: previousDue } : null,
        }),
      ],
      ifMatch,
    );
    return monthView(
      { ...state, declaration, corrections: replaced ? [...state.corrections, replaced] : state.corrections },
      policy,
      today,
      fundingType,
    );
  };
  return deps.ledger.retry(attempt);
}
