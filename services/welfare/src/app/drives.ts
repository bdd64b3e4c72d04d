import {
  type CreateDriveInput,
  type CreatePledgeInput,
  type Drive,
  type DriveProgress,
  type DriveReceiptInput,
  dayInVietnam,
  type FundMovement,
  notFound,
  type Pledge,
  WelfareLedgerPostingRequested,
} from '@congdoan/contracts';
import { event } from '@congdoan/ddb';
import { beforeDriveStart, outsideDrivePeriod, pledgerOutsideDrive } from '../domain/errors.ts';
import { checkMovementDate, movementRequestId, postingRequestOf } from '../domain/fund.ts';
import { getFund } from './funds.ts';
import type { Caller, CallerScope, WelfareDeps } from './ports.ts';

const DRIVE = { vi: 'đợt vận động', en: 'drive' };
const PLEDGE = { vi: 'đăng ký ủng hộ', en: 'pledge' };

/** A drive for a fund the caller may see, run by the fund's unit. */
export async function createDrive(deps: WelfareDeps, caller: Caller, fundId: string, input: CreateDriveInput) {
  const fund = await getFund(deps, caller, fundId);
  const drive: Drive = {
    id: caller.write.newId(),
    fundId: fund.id,
    unitId: fund.unitId,
    name: input.name,
    target: input.target,
    from: input.from,
    to: input.to,
    pledged: 0,
    received: 0,
    pledgeCount: 0,
    createdAt: caller.write.now().toISOString(),
  };
  await deps.drives.create(drive, caller.write);
  return drive;
}

export async function getDrive(deps: WelfareDeps, caller: CallerScope, driveId: string): Promise<Drive> {
  return deps.units.visible(caller, await deps.drives.get(driveId), (d) => d.unitId, DRIVE, driveId);
}

/**
 * A pledge of a unit or a member of the drive's subtree, within its period; it counts for the
 * pledging unit, or the member's unit. The drive's and the unit's counters move with it.
 */
export async function pledge(deps: WelfareDeps, caller: Caller, driveId: string, input: CreatePledgeInput) {
  const drive = await getDrive(deps, caller, driveId);
  const date = input.date ?? dayInVietnam(caller.write.now());
  if (date < drive.from || date > drive.to) throw outsideDrivePeriod(date, drive.from, drive.to);
  let unitId: string;
  if (input.pledger.kind === 'unit') {
    await deps.units.assertInScope(caller, input.pledger.unitId);
    unitId = input.pledger.unitId;
  } else {
    unitId = (await deps.members.get(caller, input.pledger.memberId)).unitId;
  }
  if (!(await deps.units.isWithin(drive.unitId, unitId))) throw pledgerOutsideDrive();
  const made: Pledge = {
    id: caller.write.newId(),
    driveId: drive.id,
    pledger: input.pledger,
    unitId,
    amount: input.amount,
    received: 0,
    date,
  };
  await deps.drives.pledge(made, caller.write);
  return made;
}

/**
 * Money received against a pledge: a receipt into the drive's fund (posted by finance like any
 * movement), and the pledge's, drive's and unit's received counters, in one transaction.
 */
export async function receiveAgainstPledge(
  deps: WelfareDeps,
  caller: Caller,
  driveId: string,
  input: DriveReceiptInput,
): Promise<{ movement: FundMovement; pledge: Pledge }> {
  const drive = await getDrive(deps, caller, driveId);
  const found = await deps.drives.getPledge(drive.id, input.pledgeId);
  if (!found) throw notFound(PLEDGE, input.pledgeId);
  const fund = await getFund(deps, caller, drive.fundId);
  const today = dayInVietnam(caller.write.now());
  const date = input.date ?? today;
  checkMovementDate(date, today);
  if (date < drive.from) throw beforeDriveStart(date, drive.from);
  const id = caller.write.newId();
  const at = caller.write.now().toISOString();
  const movement: FundMovement = {
    id,
    fundId: fund.id,
    unitId: fund.unitId,
    type: 'receipt',
    method: input.method,
    amount: input.amount,
    date,
    memo: input.memo ?? drive.name,
    caseType: null,
    beneficiaryId: null,
    posting: {
      status: 'pending',
      requestId: movementRequestId(fund.id, at, id),
      postingId: null,
      voucherNumber: null,
      reason: null,
    },
    at,
  };
  await deps.drives.receive(
    fund,
    movement,
    found,
    [event(WelfareLedgerPostingRequested, postingRequestOf(fund, movement))],
    caller.write,
  );
  const after = await deps.drives.getPledge(drive.id, found.id);
  return { movement, pledge: after ?? found };
}

/**
 * Each active unit of the drive's subtree with what it pledged and gave, from the counters
 * kept in the pledges' and receipts' transactions (one Query), never by reading receipts.
 */
export async function driveProgress(deps: WelfareDeps, caller: CallerScope, driveId: string): Promise<DriveProgress> {
  const drive = await getDrive(deps, caller, driveId);
  const [subtree, counters] = await Promise.all([
    deps.units.subtreeOf(drive.unitId),
    deps.drives.unitCounters(drive.id),
  ]);
  const byUnit = new Map(counters.map((c) => [c.unitId, c]));
  const units = subtree.map((u) => {
    const c = byUnit.get(u.id);
    const received = c?.received ?? 0;
    return {
      unitId: u.id,
      code: u.code,
      name: u.name,
      pledged: c?.pledged ?? 0,
      received,
      pledges: c?.pledges ?? 0,
      givenNothing: received === 0,
    };
  });
  return { drive, units, givenNothing: units.filter((u) => u.givenNothing).length };
}
