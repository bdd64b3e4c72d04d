import {
  type BloodDrive,
  type CreateBloodDriveInput,
  type Donation,
  dayInVietnam,
  type RecordDonationInput,
} from '@congdoan/contracts';
import { bloodDriveNotYetHeld, donorOutsideDrive } from '../domain/errors.ts';
import type { Caller, CallerScope, WelfareDeps } from './ports.ts';

const BLOOD_DRIVE = { vi: 'đợt hiến máu', en: 'blood drive' };

/** A blood-donation drive (hiến máu tình nguyện) run by a unit in the caller's subtree. */
export async function createBloodDrive(
  deps: WelfareDeps,
  caller: Caller,
  unitId: string,
  input: CreateBloodDriveInput,
): Promise<BloodDrive> {
  await deps.units.assertInScope(caller, unitId);
  const drive: BloodDrive = {
    id: caller.write.newId(),
    unitId,
    name: input.name,
    date: input.date,
    place: input.place,
    donors: 0,
    units: 0,
    createdAt: caller.write.now().toISOString(),
  };
  await deps.bloodDrives.create(drive, caller.write);
  return drive;
}

export async function listBloodDrives(deps: WelfareDeps, caller: CallerScope, unitId: string) {
  await deps.units.assertInScope(caller, unitId);
  return { items: await deps.bloodDrives.listOfUnit(unitId) };
}

async function visibleDrive(deps: WelfareDeps, caller: CallerScope, id: string) {
  return deps.units.visible(caller, await deps.bloodDrives.get(id), (d) => d.unitId, BLOOD_DRIVE, id);
}

/** A drive the caller may see, with its totals and each donation. */
export async function getBloodDrive(deps: WelfareDeps, caller: CallerScope, id: string) {
  const drive = await visibleDrive(deps, caller, id);
  return { ...drive, donations: await deps.bloodDrives.donations(drive.id) };
}

/**
 * A member of the drive's subtree gave blood: their donation (once per drive: 409
 * `donor-already-recorded`) and the drive's donors and units, in one transaction. Recorded
 * from the drive's day on.
 */
export async function recordDonation(
  deps: WelfareDeps,
  caller: Caller,
  driveId: string,
  input: RecordDonationInput,
): Promise<Donation> {
  const drive = await visibleDrive(deps, caller, driveId);
  if (dayInVietnam(caller.write.now()) < drive.date) throw bloodDriveNotYetHeld(drive.date);
  const member = await deps.members.get(caller, input.memberId);
  if (!(await deps.units.isWithin(drive.unitId, member.unitId))) throw donorOutsideDrive();
  const donation: Donation = {
    driveId: drive.id,
    memberId: member.id,
    units: input.units,
    recognition: input.recognition,
    at: caller.write.now().toISOString(),
  };
  await deps.bloodDrives.donate(donation, caller.write);
  return donation;
}
