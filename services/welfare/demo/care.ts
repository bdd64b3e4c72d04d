/**
 * Welfare's care of members in the demo (issue 12, items 4 and 6), after seed.ts's "Mái ấm
 * Công đoàn" fund of seed 000's upper level (Công đoàn Viên chức tỉnh, `CDVC-BG`):
 *
 * - the drive "Mái ấm Công đoàn" on that fund: seed 000's contributions reached 265 million
 *   đồng, here four CĐCS's pledges received in full by cash in 2015 (the split and the dates
 *   are ours: the report gives only the total);
 * - its visits fund (2,000,000 allocated from the budget) and one sickness visit of 500,000;
 * - its Tết fund, 3,900,000 allocated, and Tết 2026 gifts of 1,300,000 a person (KH 34/KH-TLĐ)
 *   to three members of seed 001's CĐCS, as one batch;
 * - its women's savings fund ("Tiết kiệm vì nữ CNVCLĐ có hoàn cảnh khó khăn"): three women's
 *   deposits of 2,000,000, a loan of 3,000,000 in 6 monthly instalments, one repayment made;
 * - a blood-donation drive with four donors (seed 000 counts 858 donors and more than 600
 *   units: the demo keeps a handful).
 *
 * Everything goes through the HTTP API with Idempotency-Keys, as a person would, and the
 * amounts are in `CARE_DEMO` for the demo's test.
 */
import type { DemoSeedContext } from '@congdoan/contracts';

export const CARE_DEMO = {
  drive: {
    name: 'Vận động ủng hộ quỹ "Mái ấm Công đoàn" 2015',
    from: '2015-01-01',
    to: '2015-12-31',
    target: 265_000_000,
    /** What each CĐCS pledged and gave, summing to seed 000's 265 million. */
    gifts: [
      ['CDCS-BVDK-BG', 120_000_000, '2015-09-15'],
      ['CDCS-SNV-BG', 80_000_000, '2015-09-30'],
      ['CDCS-TTDDTB-LG', 45_000_000, '2015-10-15'],
      ['CDCS-DPTTH-BG', 20_000_000, '2015-10-30'],
    ] as const,
  },
  visits: { allocated: 2_000_000, sickness: 500_000, date: '2026-03-12' },
  tet: { allocated: 3_900_000, perPerson: 1_300_000, people: 3, date: '2026-02-10' },
  savings: {
    deposit: 2_000_000,
    depositDate: '2026-05-05',
    loan: 3_000_000,
    instalments: 6,
    loanDate: '2026-06-15',
    repayment: 500_000,
    repaymentDate: '2026-07-15',
  },
  blood: { name: 'Ngày hội hiến máu tình nguyện “Giọt hồng Công đoàn” 2026', date: '2026-06-14', donors: 4 },
} as const;

type Ids = { id: string };

export async function seedCare(
  { url, token, ids, drain, log }: Pick<DemoSeedContext, 'url' | 'token' | 'ids' | 'drain' | 'log'>,
  housingFundId: string,
): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'accept-language': 'en', 'content-type': 'application/json' };
  const send = async <T = Ids>(path: string, key: string, body: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': `seed-welfare-care-${key}` },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
    return (await res.json()) as T;
  };
  const unit = (code: string) => {
    const id = ids[code];
    if (!id) throw new Error(`membership’s seed gave no ${code}`);
    return id;
  };
  const upper = unit('CDVC-BG');

  const fund = (key: string, kind: string, name: string) =>
    send(`/v1/welfare/units/${upper}/funds`, `fund-${key}`, { kind, name });
  const allocate = (fundId: string, key: string, amount: number, date: string, memo: string) =>
    send(`/v1/welfare/funds/${fundId}/movements`, `allocation-${key}`, { type: 'allocation', amount, date, memo });
  const { drive: d, visits: v, tet: t, savings: s, blood: b } = CARE_DEMO;

  // The drive "Mái ấm Công đoàn", each CĐCS's pledge received in full; meanwhile the other
  // funds, opened one after another so they list in this order. Independent steps run at once
  // to keep the start fast.
  const driveDone = (async () => {
    const drive = await send(`/v1/welfare/funds/${housingFundId}/drives`, 'drive', {
      name: d.name,
      target: d.target,
      from: d.from,
      to: d.to,
    });
    await Promise.all(
      d.gifts.map(async ([code, amount, date]) => {
        const pledge = await send(`/v1/welfare/drives/${drive.id}/pledges`, `pledge-${code}`, {
          pledger: { kind: 'unit', unitId: unit(code) },
          amount,
          date,
        });
        await send(`/v1/welfare/drives/${drive.id}/receipts`, `receipt-${code}`, {
          pledgeId: pledge.id,
          method: 'cash',
          amount,
          date,
        });
      }),
    );
  })();
  const visits = await fund('visits', 'visits', 'Quỹ thăm hỏi đoàn viên');
  const tet = await fund('tet', 'tet', 'Quỹ chăm lo Tết');
  const savings = await fund('savings', 'womens-savings', 'Quỹ "Tiết kiệm vì nữ CNVCLĐ có hoàn cảnh khó khăn"');
  // Seed 001's CĐCS's members; the savings fund is the women's.
  const res = await fetch(`${url}/v1/membership/units/${unit('CDCS-LHHKHKT-BG')}/members?status=active&limit=50`, {
    headers,
  });
  if (!res.ok) throw new Error(`GET members of CDCS-LHHKHKT-BG answered ${res.status}`);
  const members = ((await res.json()) as { items: { id: string; gender: string }[] }).items;
  const women = members.filter((m) => m.gender === 'female');
  if (members.length < Math.max(t.people, b.donors) || women.length < 3)
    throw new Error('seed 001’s CĐCS has too few members');
  await driveDone;
  // The drive's cash is in finance's books before anything is paid from 111.
  await drain();

  await Promise.all([
    (async () => {
      await allocate(visits.id, 'visits', v.allocated, '2026-01-05', 'Trích kinh phí thăm hỏi đoàn viên năm 2026');
      await send(`/v1/welfare/units/${upper}/visits`, 'visit-sickness', {
        memberId: members[0]?.id,
        occasion: 'sickness',
        date: v.date,
        amount: v.sickness,
        fundId: visits.id,
        method: 'cash',
      });
    })(),
    (async () => {
      await allocate(tet.id, 'tet', t.allocated, '2026-01-20', 'Kinh phí quà Tết Bính Ngọ 2026 theo KH 34/KH-TLĐ');
      const gifts = await send<{ failed: number }>(`/v1/welfare/units/${upper}/visits/batch`, 'tet-2026', {
        occasion: 'tet',
        date: t.date,
        amount: t.perPerson,
        fundId: tet.id,
        method: 'cash',
        memo: 'Quà Tết Bính Ngọ 2026 (KH 34/KH-TLĐ)',
        memberIds: members.slice(0, t.people).map((m) => m.id),
      });
      if (gifts.failed > 0) throw new Error(`${gifts.failed} of the Tết gifts failed`);
    })(),
    (async () => {
      await Promise.all(
        women.slice(0, 3).map((woman, i) =>
          send(`/v1/welfare/funds/${savings.id}/movements`, `deposit-${i}`, {
            type: 'deposit',
            method: 'cash',
            amount: s.deposit,
            date: s.depositDate,
            memo: 'Gửi tiết kiệm',
            memberId: woman.id,
          }),
        ),
      );
      const loan = await send(`/v1/welfare/funds/${savings.id}/loans`, 'loan', {
        memberId: women[0]?.id,
        amount: s.loan,
        instalments: s.instalments,
        method: 'cash',
        date: s.loanDate,
      });
      await send(`/v1/welfare/loans/${loan.id}/repayments`, 'repayment-1', {
        amount: s.repayment,
        method: 'cash',
        date: s.repaymentDate,
      });
    })(),
    (async () => {
      const blood = await send(`/v1/welfare/units/${upper}/blood-drives`, 'blood-drive', {
        name: b.name,
        date: b.date,
        place: 'Nhà văn hóa Lao động tỉnh',
      });
      await Promise.all(
        members.slice(0, b.donors).map((m, i) =>
          send(`/v1/welfare/blood-drives/${blood.id}/donations`, `donation-${i}`, {
            memberId: m.id,
            units: 1,
            recognition: 'certificate',
          }),
        ),
      );
    })(),
  ]);
  await drain();
  log(
    `welfare: the "Mái ấm Công đoàn" drive received ${d.target.toLocaleString('en-US')} đồng; Tết gifts to ${t.people} members, a savings loan being repaid, a blood drive of ${b.donors} donors`,
  );
}
