/**
 * Welfare's demo data (`npm start` finds it here), kept small so the start stays fast:
 *
 * - seed 000's upper level (Công đoàn Viên chức tỉnh, `CDVC-BG`) keeps a "Mái ấm Công đoàn"
 *   fund, the housing fund its drives collect for;
 * - seed 001's CĐCS (Liên hiệp các Hội KH&KT) gave it 420,000 đồng in 2014–2015: one cash
 *   receipt (the date, 30/6/2015, is ours: the report names only the year), posted by finance
 *   to the upper level's books as Nợ 111 / Có 3531.
 *
 * Then `./care.ts`: seed 000's drive (265 million), its visits, Tết and savings funds, Tết 2026
 * gifts, a savings loan being repaid, a blood drive. Not yet: its housing support to 3 members
 * (95 million) (docs/welfare.md, "Not built yet").
 * Everything goes through the HTTP API with idempotency keys, as a person would.
 */
import { defineSeed } from '@congdoan/contracts';
import { seedCare } from './care.ts';
import { seedHousingCases } from './cases.ts';

export const WELFARE_DEMO = { gift: 420_000, giftDate: '2015-06-30' } as const;

export const seed = defineSeed({
  after: ['membership', 'finance'],
  async run({ url, token, ids, drain, log }) {
    const upperId = ids['CDVC-BG'];
    if (!upperId) throw new Error('membership’s seed gave no CDVC-BG');
    const send = async (path: string, key: string, body: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'accept-language': 'en',
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
      return (await res.json()) as { id: string };
    };
    const fund = await send(`/v1/welfare/units/${upperId}/funds`, 'seed-welfare-fund-mai-am', {
      kind: 'housing',
      name: 'Quỹ "Mái ấm Công đoàn"',
    });
    await send(`/v1/welfare/funds/${fund.id}/movements`, 'seed-welfare-gift-lhhkhkt', {
      type: 'receipt',
      method: 'cash',
      amount: WELFARE_DEMO.gift,
      date: WELFARE_DEMO.giftDate,
      memo: 'CĐCS Liên hiệp các Hội KH&KT ủng hộ quỹ "Mái ấm Công đoàn" năm 2014–2015',
    });
    await seedCare({ url, token, ids, drain, log }, fund.id);
    await drain();
    log(
      `welfare: "Mái ấm Công đoàn" of CDVC-BG received ${WELFARE_DEMO.gift.toLocaleString('en-US')} đồng from seed 001`,
    );
    await seedHousingCases({ url, token, ids, drain, log }, fund.id);
    return { 'welfare-fund-mai-am': fund.id };
  },
});
