/**
 * Membership's part of the BOLA matrix (test/e2e/bola.fresh.e2e.test.ts): real ids of
 * each kind in the victim CĐCS's subtree, made through the API, and a valid body
 * for each route with a path parameter that takes one.
 */
import type { BolaFixture } from '../../../test/support/bola.ts';

const DAY = '2026-11-02';

const person = (cccd: string) => ({
  fullName: 'Trương Thị Bích',
  gender: 'female',
  dateOfBirth: '1991-04-04',
  cccd,
  educationLevel: 'bachelor',
  employmentCategory: 'public-employee',
  duesSalary: 5_000_000,
});

const csv = (cccd: string) =>
  Buffer.from(
    [
      'STT;Họ và tên;Giới tính;Ngày sinh;Số CCCD;Trình độ học vấn;Đối tượng;Lương đóng đoàn phí (đồng)',
      `1;Trương Thị Bích;Nữ;04/04/1991;${cccd};Đại học;Viên chức;5.000.000`,
    ].join('\r\n'),
  ).toString('base64');

const created = (res: { status: number; body: { id?: string } }, what: string): string => {
  if (res.status >= 300 || !res.body.id) throw new Error(`could not make ${what}: ${JSON.stringify(res.body)}`);
  return res.body.id;
};

export const bola: BolaFixture = {
  async ids({ admin, victim }) {
    const members = (await admin.get(`/v1/membership/units/${victim.unitId}/members?status=active&limit=5`)).body
      .items as { id: string; cccd: string; cardNumber: string }[];
    const member = members[0]!;
    const term = created(
      await admin.post(`/v1/membership/units/${victim.unitId}/terms`, {
        congressDate: '2023-05-10',
        startDate: '2023-05-10',
        endDate: '2028-05-10',
      }),
      'a committee term',
    );
    const appointment = created(
      await admin.post(`/v1/membership/terms/${term}/appointments`, {
        memberId: member.id,
        position: 'chair',
        from: '2023-05-10',
        decisionNumber: '12/QĐ-CĐVC',
      }),
      'an appointment',
    );
    const dryRun = created(
      await admin.post(`/v1/membership/units/${victim.unitId}/imports`, {
        filename: 'bola.csv',
        format: 'csv',
        dryRun: true,
        content: csv('024191000404'),
      }),
      'an import',
    );
    // A dissolution job of a CĐCS of its own beside the victim, so the victim keeps its members.
    const doomed = created(
      await admin.post('/v1/membership/units', {
        code: 'BOLA-DISSOLVED',
        name: 'CĐCS để giải thể',
        level: 'grassroots',
        parentId: victim.upperId,
        agency: { name: 'Cơ quan giải thể', taxId: '2400999404', fundingType: 'state-budget-partial' },
      }),
      'a CĐCS to dissolve',
    );
    const job = created(
      await admin.post(`/v1/membership/units/${doomed}/dissolution`, { mode: 'exit', date: DAY, reason: 'Giải thể' }),
      'a dissolution job',
    );
    return {
      units: victim.unitId,
      members: member.id,
      cccd: member.cccd,
      cardNumber: member.cardNumber,
      terms: term,
      appointments: appointment,
      imports: dryRun,
      dissolutions: job,
    };
  },
  fixed: { index: '0' },
  bodies: {
    updateUnit: () => ({ name: 'Tên mới' }),
    moveUnit: (_ids, { victim }) => ({ parentId: victim.upperId }),
    dissolveUnit: () => ({ reason: 'Giải thể' }),
    applyForMembership: () => person('024191000405'),
    updateMember: () => ({ jobTitle: 'Chuyên viên' }),
    admitMember: () => ({ decisionNumber: '1/QĐ', decisionDate: DAY }),
    rejectApplication: () => ({ reason: 'Hồ sơ thiếu' }),
    transferMember: (_ids, { attacker }) => ({ toUnitId: attacker.unitId, date: DAY }),
    suspendMember: () => ({ from: DAY, reason: 'Đi học dài hạn' }),
    reinstateMember: () => ({ date: DAY }),
    exitMember: () => ({ date: DAY, reason: 'retired' }),
    readmitMember: () => ({ decisionNumber: '2/QĐ', decisionDate: DAY }),
    linkMemberAccount: () => ({ subject: 'bola-account' }),
    createCommitteeTerm: () => ({ congressDate: '2028-05-10', startDate: '2028-05-10', endDate: '2033-05-10' }),
    closeCommitteeTerm: () => ({ date: DAY, reason: 'Sáp nhập' }),
    appointOfficer: (ids) => ({ memberId: ids.members, position: 'vice-chair', from: DAY, decisionNumber: '3/QĐ' }),
    endAppointment: () => ({ date: DAY, reason: 'resigned' }),
    rebuildUnitStatistics: () => ({}),
    requestUnitDissolution: () => ({ mode: 'exit', date: DAY, reason: 'Giải thể' }),
    createMemberImport: () => ({ filename: 'bola.csv', format: 'csv', dryRun: true, content: csv('024191000406') }),
    putMemberImportChunk: () => ({ content: Buffer.from('STT').toString('base64') }),
    bulkUpsertMembers: () => ({ items: [person('024191000407')] }),
  },
};
