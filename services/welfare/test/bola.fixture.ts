/**
 * Welfare's part of the BOLA matrix (test/e2e/bola.fresh.e2e.test.ts): a member of the victim
 * CĐCS (seed 001's) read through membership, and a fund of the victim with a receipt in it,
 * a savings fund with that member's deposit and loan, made through the API; a valid body for each write.
 */
import type { Api, BolaFixture } from '../../../test/support/bola.ts';

async function firstItem(api: Api, path: string): Promise<string> {
  const res = await api.get(path);
  const id = (res.body as { items?: { id?: string }[] }).items?.[0]?.id;
  if (res.status !== 200 || !id) throw new Error(`no item in ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

/** A support case of the victim's member, paid from the victim's fund (a reason in case seed 001 has them in arrears). */
async function victimCase(admin: Api, fundId: string, memberId: string): Promise<string> {
  const opened = await admin.post('/v1/welfare/cases', {
    fundId,
    memberId,
    type: 'illness',
    amount: 50_000,
    incidentDate: '2026-01-15',
    summary: 'Ốm đau BOLA',
    arrearsReason: 'Kiểm thử BOLA',
    duplicateReason: 'Kiểm thử BOLA',
  });
  const id = (opened.body as { id?: string }).id;
  if (opened.status !== 201 || !id)
    throw new Error(`could not open a case: ${opened.status} ${JSON.stringify(opened.body)}`);
  return id;
}

/** A valid body of each step of a case's flow. */
const caseBodies = {
  submitWelfareCase: () => ({}),
  returnWelfareCase: () => ({ reason: 'Bổ sung giấy tờ' }),
  verifyWelfareCase: () => ({ documents: ['application', 'hospital-papers'] }),
  approveWelfareCase: () => ({}),
  rejectWelfareCase: () => ({ reason: 'Không đủ điều kiện' }),
  withdrawWelfareCase: () => ({}),
  disburseWelfareCase: () => ({}),
  closeWelfareCase: () => ({}),
};

/** The victim's pledge, for a receipt's body (a real pledge of the victim's drive). */
let pledgeId = '';
/** The victim's visits fund, for a batch of gifts' body. */
let visitsFundId = '';

export const bola: BolaFixture = {
  async ids({ admin, victim, platform }) {
    const member = await firstItem(admin, `/v1/membership/units/${victim.unitId}/members?status=active&limit=1`);
    const opened = await admin.post(`/v1/welfare/units/${victim.unitId}/funds`, {
      kind: 'visits',
      name: 'Quỹ thăm hỏi BOLA',
    });
    const fund = (opened.body as { id?: string }).id;
    if (opened.status !== 201 || !fund)
      throw new Error(`could not open a fund: ${opened.status} ${JSON.stringify(opened.body)}`);
    await admin.post(`/v1/welfare/funds/${fund}/movements`, {
      type: 'receipt',
      method: 'cash',
      amount: 100_000,
      memo: 'Thu BOLA',
    });
    const drive = await admin.post(`/v1/welfare/funds/${fund}/drives`, {
      name: 'Đợt vận động BOLA',
      target: 1_000_000,
      from: '2026-01-01',
      to: '2026-12-31',
    });
    const driveId = (drive.body as { id?: string }).id;
    if (drive.status !== 201 || !driveId)
      throw new Error(`could not start a drive: ${drive.status} ${JSON.stringify(drive.body)}`);
    const promised = await admin.post(`/v1/welfare/drives/${driveId}/pledges`, {
      pledger: { kind: 'member', memberId: member },
      amount: 100_000,
      date: '2026-02-01',
    });
    pledgeId = (promised.body as { id?: string }).id ?? '';
    if (promised.status !== 201 || !pledgeId)
      throw new Error(`could not pledge: ${promised.status} ${JSON.stringify(promised.body)}`);
    const savings = await admin.post(`/v1/welfare/units/${victim.unitId}/funds`, {
      kind: 'womens-savings',
      name: 'Quỹ tiết kiệm phụ nữ BOLA',
    });
    const savingsFund = (savings.body as { id?: string }).id ?? '';
    if (savings.status !== 201 || !savingsFund)
      throw new Error(`could not open a savings fund: ${savings.status} ${JSON.stringify(savings.body)}`);
    await admin.post(`/v1/welfare/funds/${savingsFund}/movements`, {
      type: 'deposit',
      method: 'cash',
      amount: 500_000,
      memo: 'Gửi tiết kiệm BOLA',
      memberId: member,
    });
    const lent = await admin.post(`/v1/welfare/funds/${savingsFund}/loans`, {
      memberId: member,
      amount: 300_000,
      instalments: 3,
      method: 'cash',
    });
    const loanId = (lent.body as { id?: string }).id;
    if (lent.status !== 201 || !loanId) throw new Error(`could not lend: ${lent.status} ${JSON.stringify(lent.body)}`);
    visitsFundId = fund;
    const blood = await admin.post(`/v1/welfare/units/${victim.unitId}/blood-drives`, {
      name: 'Hiến máu BOLA',
      date: '2026-01-15',
      place: 'Trụ sở',
    });
    const bloodDriveId = (blood.body as { id?: string }).id;
    if (blood.status !== 201 || !bloodDriveId)
      throw new Error(`could not hold a blood drive: ${blood.status} ${JSON.stringify(blood.body)}`);
    const caseId = await victimCase(admin, fund, member);
    await platform.drain();
    // The savings fund is the fund every fund route is tried on (a loan needs one); the drive is of the visits fund.
    return {
      units: victim.unitId,
      members: member,
      funds: savingsFund,
      drives: driveId,
      loans: loanId,
      'blood-drives': bloodDriveId,
      cases: caseId,
    };
  },
  bodies: {
    createWelfareFund: () => ({ kind: 'hardship', name: 'Quỹ xã hội' }),
    recordWelfareFundMovement: () => ({ type: 'disbursement', method: 'cash', amount: 1_000, memo: 'Chi thăm hỏi' }),
    createWelfareDrive: () => ({ name: 'Vận động', target: 1_000_000, from: '2026-01-01', to: '2026-12-31' }),
    pledgeToWelfareDrive: (ids) => ({
      pledger: { kind: 'member', memberId: ids.members },
      amount: 1_000,
      date: '2026-02-01',
    }),
    receiveForWelfareDrive: () => ({ pledgeId, method: 'cash', amount: 1_000, date: '2026-02-02' }),
    lendFromWelfareFund: (ids) => ({ memberId: ids.members, amount: 1_000, instalments: 2, method: 'cash' }),
    repayWelfareLoan: () => ({ amount: 1_000, method: 'cash' }),
    ...caseBodies,
    recordWelfareVisit: (ids) => ({ memberId: ids.members, occasion: 'sickness', amount: 0 }),
    recordWelfareVisitBatch: (ids) => ({
      occasion: 'tet',
      date: '2026-02-10',
      amount: 1_000,
      fundId: visitsFundId,
      method: 'cash',
      memberIds: [ids.members],
    }),
    createWelfareBloodDrive: () => ({ name: 'Hiến máu', date: '2026-01-15', place: 'Trụ sở' }),
    recordWelfareBloodDonation: (ids) => ({ memberId: ids.members, units: 1, recognition: 'certificate' }),
  },
  queries: {
    getWelfareReport: () => ({ from: '2026-01-01', to: '2026-12-31' }),
    exportWelfareReport: () => ({ from: '2026-01-01', to: '2026-12-31' }),
    getWelfareBeneficiaries: () => ({ from: '2026-01-01', to: '2026-12-31' }),
    exportWelfareBeneficiaries: () => ({ from: '2026-01-01', to: '2026-12-31' }),
  },
};
