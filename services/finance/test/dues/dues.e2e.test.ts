import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { agency, client, sharedPlatform, tokenFor, uniqueCode } from '../../../../test/support/platform.ts';
import { admitMember, bacGiangUnits, createUnit } from '../support/platform.ts';

let platform: Platform;
let admin: ReturnType<typeof client>;
let units: { upper: string; cdcs: string };

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await bacGiangUnits(admin);
}, 60_000);

describe('dues end to end: membership admits, finance rosters and collects', () => {
  it('a member admitted in membership shows up on the finance roster, and a collection is recorded', async () => {
    const memberId = await admitMember(
      admin,
      units.cdcs,
      {
        fullName: 'Hoàng Thị Lan',
        gender: 'female',
        dateOfBirth: '1988-02-14',
        cccd: '024188004321',
        educationLevel: 'bachelor',
        employmentCategory: 'public-employee',
        duesSalary: 5_200_000,
        applicationDate: '2025-05-02',
      },
      { decisionNumber: '03/QĐ-CĐCS', decisionDate: '2025-05-15' },
    );

    // Admitted on 15 May: owes May (admission) and every month after, 52,000 at 1% until June, 26,000 at 0.5% from July.
    await platform.drain();
    const sheet = await admin.get(`/v1/finance/units/${units.cdcs}/dues/2025-06`);
    expect(sheet.status, JSON.stringify(sheet.body)).toBe(200);
    expect(sheet.body.members).toHaveLength(1);
    const june = sheet.body;
    expect(june.members[0]).toMatchObject({
      memberId,
      fullName: 'Hoàng Thị Lan',
      basis: 'first-day',
      duesSalary: 5_200_000,
      expected: { amount: 52_000 },
      outstanding: 52_000,
    });
    const may = await admin.get(`/v1/finance/units/${units.cdcs}/dues/2025-05`);
    expect(may.body.members[0]).toMatchObject({ basis: 'admission', expected: { amount: 52_000 } });
    const july = await admin.get(`/v1/finance/units/${units.cdcs}/dues/2025-07`);
    expect(july.body.totals.expected).toBe(26_000);

    const accountant = client(platform, await tokenFor(platform, ['accountant'], units.cdcs));
    const body = { lines: [{ memberId, amount: 52_000 }], date: '2025-06-20', method: 'cash' };
    const first = await accountant.post(`/v1/finance/units/${units.cdcs}/dues/2025-06/collections`, body, {
      'idempotency-key': 'thu-doan-phi-06-2025-lan',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      amount: 52_000,
      split: { grassroots: 36_400, upper: 15_600 },
      voucherNumber: 'PT-2025-000001',
    });
    const replay = await accountant.post(`/v1/finance/units/${units.cdcs}/dues/2025-06/collections`, body, {
      'idempotency-key': 'thu-doan-phi-06-2025-lan',
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);

    const after = await admin.get(`/v1/finance/units/${units.cdcs}/dues/2025-06`);
    expect(after.body.totals).toMatchObject({ collected: 52_000, outstanding: 0 });
    expect(after.body.toRemit).toBe(15_600);

    // Paying more than is owed: 422, in Vietnamese by default and in English on request.
    const over = { lines: [{ memberId, amount: 1 }], date: '2025-06-21', method: 'cash' };
    const vi = await accountant.post(`/v1/finance/units/${units.cdcs}/dues/2025-06/collections`, over);
    expect(vi.status).toBe(422);
    expect(vi.body.code).toBe('dues-overpayment');
    expect(vi.body.detail).toContain('vượt');
    const en = await accountant.post(`/v1/finance/units/${units.cdcs}/dues/2025-06/collections`, over, {
      'accept-language': 'en',
    });
    expect(en.body.detail).toContain('More than the dues still owed');

    // The dues were collected in cash, so the upper share is paid out of the till.
    const remitted = await accountant.post(`/v1/finance/units/${units.cdcs}/dues/remittances`, {
      month: '2025-06',
      amount: 15_600,
      date: '2025-07-05',
      method: 'cash',
    });
    expect(remitted.status, JSON.stringify(remitted.body)).toBe(201);
    expect(remitted.body).toMatchObject({ upperUnitId: units.upper, voucherNumbers: { payment: 'PC-2025-000001' } });
    const list = await accountant.get(`/v1/finance/units/${units.cdcs}/dues/remittances?year=2025`);
    expect(list.body).toMatchObject({ total: 15_600 });

    const arrears = await admin.get(`/v1/finance/units/${units.cdcs}/dues/arrears?from=2025-05&to=2025-07`);
    expect(arrears.status, JSON.stringify(arrears.body)).toBe(200);
    expect(arrears.body.members[0]).toMatchObject({ memberId, expected: 130_000, paid: 52_000, balance: 78_000 });

    const statement = await admin.get(`/v1/finance/members/${memberId}/dues?from=2025-04&to=2025-07`);
    expect(statement.body.months.map((m: { month: string; paid: number }) => [m.month, m.paid])).toEqual([
      ['2025-04', 0],
      ['2025-05', 0],
      ['2025-06', 52_000],
      ['2025-07', 0],
    ]);

    // An inspector sees the amounts without the salary.
    const inspector = client(platform, await tokenFor(platform, ['inspector']));
    const masked = await inspector.get(`/v1/finance/units/${units.cdcs}/dues/2025-06`);
    expect(masked.body.members[0]).toMatchObject({ duesSalary: null, expected: { amount: 52_000 } });
    expect(masked.body.members[0].expected.formula).not.toContain('5.200.000');

    // Outside the caller's subtree: 404.
    const elsewhere = await createUnit(admin, {
      code: uniqueCode('X'),
      name: 'CĐCS khác',
      level: 'grassroots',
      parentId: units.upper,
      agency: agency('2400999999'),
    });
    const stranger = client(platform, await tokenFor(platform, ['accountant'], elsewhere));
    await platform.drain();
    expect((await admin.get(`/v1/finance/units/${elsewhere}`)).status).toBe(200);
    expect((await stranger.get(`/v1/finance/units/${units.cdcs}/dues/2025-06`)).status).toBe(404);
    expect((await stranger.get(`/v1/finance/members/${memberId}/dues?from=2025-04&to=2025-07`)).status).toBe(404);
  });

  it('a collection makes finance announce the member’s dues standing, once however often its event arrives', async () => {
    const memberId = await admitMember(
      admin,
      units.cdcs,
      {
        fullName: 'Vũ Văn Toàn',
        gender: 'male',
        dateOfBirth: '1985-09-02',
        cccd: '024085007788',
        educationLevel: 'bachelor',
        employmentCategory: 'public-employee',
        duesSalary: 4_800_000,
        applicationDate: '2025-05-02',
      },
      { decisionNumber: '04/QĐ-CĐCS', decisionDate: '2025-05-15' },
    );
    await platform.drain();
    const accountant = client(platform, await tokenFor(platform, ['accountant'], units.cdcs));
    const paid = await accountant.post(`/v1/finance/units/${units.cdcs}/dues/2025-06/collections`, {
      lines: [{ memberId, amount: 48_000 }],
      date: '2025-06-20',
      method: 'cash',
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    await platform.drain();

    const standings = () =>
      platform.bus
        .history()
        .filter((r) => r.event['detail-type'] === 'MemberDuesStandingChanged')
        .map((r) => r.event.detail.data as Record<string, unknown>)
        .filter((d) => d.memberId === memberId);
    // Paid June 2025 only: every one of the twelve months the standing looks at is owed, at
    // 0.5% × 4,800,000 = 24,000 (the agency is partly self-funded, QĐ 61/QĐ-TLĐ).
    expect(standings()).toEqual([
      {
        memberId,
        unitId: units.cdcs,
        asOf: expect.stringMatching(/^\d{4}-\d{2}$/),
        monthsInArrears: 12,
        outstanding: 12 * 24_000,
        removalCandidate: true,
        version: 1,
      },
    ]);

    const collected = platform.bus
      .history()
      .find(
        (r) =>
          r.event['detail-type'] === 'DuesCollected' &&
          (r.event.detail.data as { collectionId: string }).collectionId === paid.body.id,
      );
    expect(collected).toBeDefined();
    const again = await platform.bus.publish({
      source: collected!.event.source,
      detailType: collected!.event['detail-type'],
      detail: collected!.event.detail,
    });
    expect(again.outcomes.every((o) => o.status === 'delivered')).toBe(true);
    await platform.drain();
    expect(standings()).toHaveLength(1);
  });
});
