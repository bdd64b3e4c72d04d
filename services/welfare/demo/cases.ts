/**
 * Support cases of the demo (issue 12, item 6): seed 000's housing support ("Mái ấm Công
 * đoàn") to 3 members totalling 95,000,000 đồng, each case walked through the API from its
 * draft to its disbursement from CDVC-BG's housing fund, posted by finance.
 *
 * The fund and the money account paying (whichever of CDVC-BG's 111 cash and 112 bank holds
 * more in finance's books) must hold the 95 million, so that finance posts the payments: what
 * they lack is received first, as the part of seed 000's contributions not yet recorded (none
 * when the drive's receipts came before and suffice). The members are seed 001's CĐCS's first three; the
 * amounts and days are ours (the report gives the total only).
 */
import type { DemoSeedContext } from '@congdoan/contracts';

export const HOUSING_CASES = [
  { amount: 40_000_000, incidentDate: '2026-08-20', summary: 'Xây mới nhà ở bị sập do bão' },
  { amount: 30_000_000, incidentDate: '2026-09-05', summary: 'Sửa chữa nhà ở xuống cấp nặng' },
  { amount: 25_000_000, incidentDate: '2026-09-18', summary: 'Sửa chữa mái nhà bị tốc' },
] as const;
export const HOUSING_TOTAL = HOUSING_CASES.reduce((s, c) => s + c.amount, 0);

type Json = Record<string, unknown>;

export async function seedHousingCases(context: DemoSeedContext, fundId: string): Promise<void> {
  const { url, token, ids, drain, log } = context;
  const upperId = ids['CDVC-BG'];
  const cdcsId = ids['CDCS-LHHKHKT-BG'];
  if (!upperId || !cdcsId) throw new Error('membership’s seed gave no CDVC-BG or CDCS-LHHKHKT-BG');
  const call = async (method: 'GET' | 'POST', path: string, key?: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'accept-language': 'en',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
    return (await res.json()) as Json;
  };

  // Paid from whichever of CDVC-BG's money accounts holds more in finance's books (a debit, positive).
  const books = await call('GET', `/v1/finance/units/${upperId}/ledger/balances`);
  const held = (code: string) =>
    (books.accounts as { code: string; balance: number }[]).find((a) => a.code === code)?.balance ?? 0;
  const method = held('111') > held('112') ? 'cash' : 'bank';
  const fund = await call('GET', `/v1/welfare/funds/${fundId}`);
  const lacking = Math.max(
    0,
    HOUSING_TOTAL - Number(fund.balance),
    HOUSING_TOTAL - held(method === 'cash' ? '111' : '112'),
  );
  if (lacking > 0) {
    await call('POST', `/v1/welfare/funds/${fundId}/movements`, 'seed-welfare-housing-contributions', {
      type: 'receipt',
      method,
      amount: lacking,
      memo: 'Đóng góp xây dựng "Mái ấm Công đoàn" (phần chưa ghi nhận) cho 3 đoàn viên',
    });
    await drain();
  }

  const members = await call('GET', `/v1/membership/units/${cdcsId}/members?status=active&limit=3`);
  const memberIds = (members.items as { id: string }[]).map((m) => m.id);
  if (memberIds.length < HOUSING_CASES.length) throw new Error('seed 001’s CĐCS has fewer than 3 active members');

  for (const [i, housing] of HOUSING_CASES.entries()) {
    const key = `seed-welfare-housing-case-${i + 1}`;
    const opened = await call('POST', '/v1/welfare/cases', `${key}-open`, {
      fundId,
      memberId: memberIds[i],
      type: 'housing',
      amount: housing.amount,
      incidentDate: housing.incidentDate,
      summary: housing.summary,
      circumstances: 'Gia đình đoàn viên có hoàn cảnh khó khăn về nhà ở',
      method,
      // Recorded only if finance has the member in dues arrears.
      arrearsReason: 'Hoàn cảnh khó khăn về nhà ở; Ban Thường vụ đồng ý hỗ trợ',
    });
    const id = String(opened.id);
    await call('POST', `/v1/welfare/cases/${id}/submit`, `${key}-submit`, {});
    await call('POST', `/v1/welfare/cases/${id}/verify`, `${key}-verify`, {
      documents: ['application', 'local-confirmation', 'housing-estimate'],
    });
    await call('POST', `/v1/welfare/cases/${id}/approve`, `${key}-approve`, {});
    await call('POST', `/v1/welfare/cases/${id}/disburse`, `${key}-disburse`, {});
  }
  await drain();
  log(
    `welfare: housing support to 3 members of CDCS-LHHKHKT-BG, ${HOUSING_TOTAL.toLocaleString('en-US')} đồng, disbursed`,
  );
}
