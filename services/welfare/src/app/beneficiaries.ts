import {
  type BeneficiaryList,
  type BeneficiaryRow,
  DomainError,
  type FileDownload,
  type WelfareReportQuery,
} from '@congdoan/contracts';
import pMap from 'p-map';
import { maskedRow } from '../domain/care-report.ts';
import { beneficiaryWorkbook } from '../files/report-xlsx.ts';
import type { CallerScope, WelfareDeps } from './ports.ts';
import { reportHead, xlsxDownload } from './reports.ts';

/** How many units, members or funds are read at once. */
const AT_ONCE = 8;

type BeneficiaryDeps = Pick<WelfareDeps, 'units' | 'cases' | 'visits' | 'members' | 'funds'>;

/** The caller of the list: their scope, and whether their role sees who and why (the case's personal readers). */
export interface BeneficiaryCaller extends CallerScope {
  seesPersonal: boolean;
}

/**
 * Every member of a unit's subtree who received money in the period (docs/welfare.md, "The
 * beneficiary list"): each support case paid (by the disbursement's day) and each gift of money
 * (by the visit's day), with the type or occasion, amount, day and fund. A caller who may not see
 * a case's personal data gets the member's initials and the card's last three digits, no member
 * id and no reason. Reads: per unit of the subtree one Query of its paid cases and one of its
 * visits of the period; then one read per member paid and per fund paid from.
 */
export async function beneficiaryList(
  deps: BeneficiaryDeps,
  caller: BeneficiaryCaller,
  unitId: string,
  period: WelfareReportQuery,
  now: Date,
): Promise<BeneficiaryList> {
  await deps.units.assertInScope(caller, unitId);
  const units = await deps.units.subtreeOf(unitId);
  const ofUnits = await pMap(
    units,
    async (u) => ({
      paid: await deps.cases.paidBetween(u.id, period.from, period.to),
      visits: await deps.visits.between(u.id, period.from, period.to),
    }),
    { concurrency: AT_ONCE },
  );
  const rows: Omit<BeneficiaryRow, 'member' | 'cardNumber' | 'fundName'>[] = ofUnits.flatMap(({ paid, visits }) => [
    ...paid.map((p) => ({
      kind: 'support-case' as const,
      id: p.caseId,
      memberId: p.memberId,
      unitId: p.unitId,
      type: p.type,
      occasion: null,
      amount: p.amount,
      date: p.date,
      fundId: p.fundId,
      reason: p.summary,
    })),
    ...visits.flatMap((v) =>
      v.amount > 0 && v.fundId
        ? [
            {
              kind: 'gift' as const,
              id: v.id,
              memberId: v.memberId,
              unitId: v.unitId,
              type: null,
              occasion: v.occasion,
              amount: v.amount,
              date: v.date,
              fundId: v.fundId,
              reason: v.memo,
            },
          ]
        : [],
    ),
  ]);
  rows.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));

  const memberIds = [...new Set(rows.flatMap((r) => (r.memberId ? [r.memberId] : [])))];
  const fundIds = [...new Set(rows.map((r) => r.fundId))];
  const members = new Map(
    await pMap(memberIds, async (id) => [id, await memberOrNull(deps, id)] as const, { concurrency: AT_ONCE }),
  );
  const funds = new Map(
    await pMap(fundIds, async (id) => [id, (await deps.funds.get(id))?.name ?? null] as const, {
      concurrency: AT_ONCE,
    }),
  );
  const items = rows.map((r) => {
    const member = r.memberId ? members.get(r.memberId) : undefined;
    const row: BeneficiaryRow = {
      ...r,
      member: member?.fullName ?? null,
      cardNumber: member?.cardNumber ?? null,
      fundName: funds.get(r.fundId) ?? null,
    };
    return caller.seesPersonal ? row : maskedRow(row);
  });

  return {
    ...reportHead(units, unitId, period, now),
    masked: !caller.seesPersonal,
    items,
    total: { members: memberIds.length, payments: rows.length, amount: rows.reduce((s, r) => s + r.amount, 0) },
  };
}

/**
 * The member as the directory keeps them: the payment lies in the caller's subtree, so the member
 * is read whatever unit they are in today; one the directory lacks is shown without a name.
 */
async function memberOrNull(deps: BeneficiaryDeps, id: string) {
  try {
    return await deps.members.get({ unitId: null }, id);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not-found') return null;
    throw error;
  }
}

/** The same list as an .xlsx, base64 in JSON like every download, masked as the JSON is. */
export async function beneficiaryListExport(
  deps: BeneficiaryDeps,
  caller: BeneficiaryCaller,
  unitId: string,
  period: WelfareReportQuery,
  now: Date,
): Promise<FileDownload> {
  const list = await beneficiaryList(deps, caller, unitId, period, now);
  return xlsxDownload(
    `danh-sach-huong-ho-tro-${list.unitCode}-${period.from}-${period.to}.xlsx`,
    await beneficiaryWorkbook(list),
  );
}
