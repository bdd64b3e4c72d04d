/**
 * Finance's demo data (`npm start` finds it here), for seed 001's CĐCS (Liên hiệp các Hội KH&KT, 7 members on
 * dues salaries of 44,600,000 đồng in all), for June 2025 — the last month of the
 * 1% dues rate and of the levy for agencies paid 100% by the state budget:
 *
 * - a month of dues: 446,000 đồng collected from all 7 members as one batch;
 * - the upper share remitted SHORT, on purpose: 120,300 of the 133,800 due
 *   (30% of 446,000, QĐ 8108/QĐ-TLĐ) — the planted discrepancy of 13,500;
 * - the agency's June payroll declared (44,600,000 → 2% levy of 892,000);
 * - the July bank statement of the upper level (`demo/sao-ke-CDVC-BG-2025-07.csv`)
 *   imported: its 892,000 credit with the memo "MST 2400312468 … nộp KPCĐ tháng
 *   06/2025" is matched to that levy; the others wait in the review queue;
 * - the CĐCS's 75% share of the levy (669,000) allocated back down;
 * - the reconciliation of June 2025 for the CĐCS, which finds exactly the
 *   remittance shortfall.
 *
 * Everything goes through the HTTP API with idempotency keys, as a person would.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DemoSeedContext, defineSeed } from '@congdoan/contracts';

export const DEMO_STATEMENT_FILE = join(dirname(fileURLToPath(import.meta.url)), 'sao-ke-CDVC-BG-2025-07.csv');

export const FINANCE_DEMO = {
  month: '2025-06',
  payroll: 44_600_000,
  remitted: 120_300,
  allocated: 669_000,
} as const;

/** After membership's seed, which makes seed 001's CĐCS (`CDCS-LHHKHKT-BG`) and its upper level (`CDVC-BG`). */
export const seed = defineSeed({
  after: ['membership'],
  async run(context) {
    const cdcsId = context.ids['CDCS-LHHKHKT-BG'];
    const upperId = context.ids['CDVC-BG'];
    if (!cdcsId || !upperId) throw new Error('membership’s seed gave no CDCS-LHHKHKT-BG or CDVC-BG');
    await seedFinanceDemo(context, cdcsId, upperId);
    // Lương cơ sở reaches emulation's prizes now, not at the announcer's next run.
    await financeClient(context.url, context.token).send(
      'POST',
      '/_local/schedules/finance-policy-announcer/run',
      undefined,
      {},
    );
    return {};
  },
});

async function seedFinanceDemo(target: DemoSeedContext, cdcsId: string, upperId: string): Promise<void> {
  const { log } = target;
  const { month } = FINANCE_DEMO;
  const api = financeClient(target.url, target.token);

  // The dues roster is a projection of membership's events: wait until it holds the 7 members.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const sheet = await api.get(`/v1/finance/units/${cdcsId}/dues/${month}`);
    if ((sheet.members?.length ?? 0) >= 7) break;
    if (Date.now() > deadline)
      throw new Error(`the dues roster of ${month} has ${sheet.members?.length ?? 0} members, not 7`);
    await new Promise((r) => setTimeout(r, 200));
  }

  await api.send('POST', `/v1/finance/units/${cdcsId}/dues/${month}/collections`, 'seed-dues-2025-06', {
    batch: true,
    date: '2025-06-25',
    method: 'cash',
    note: 'Thu đoàn phí tháng 6/2025 (dữ liệu mẫu)',
  });
  await api.send('POST', `/v1/finance/units/${cdcsId}/dues/remittances`, 'seed-remit-2025-06', {
    month,
    amount: FINANCE_DEMO.remitted,
    date: '2025-07-05',
    method: 'cash',
    note: 'nộp thiếu: tính trên 6 đoàn viên (sai lệch cài sẵn cho đối soát)',
  });
  await api.send('PUT', `/v1/finance/units/${cdcsId}/levy/${month}/declaration`, undefined, {
    payroll: FINANCE_DEMO.payroll,
    headcount: 7,
    note: 'Quỹ lương đóng BHXH tháng 6/2025',
  });
  const statement = await api.send('POST', `/v1/finance/units/${upperId}/bank-statements`, 'seed-statement-2025-07', {
    fileName: 'sao-ke-CDVC-BG-2025-07.csv',
    content: readFileSync(DEMO_STATEMENT_FILE, 'utf8'),
    accountNumber: '880021135678',
  });
  await target.drain();
  await api.send('POST', `/v1/finance/units/${cdcsId}/levy/allocations`, 'seed-allocation-2025-06', {
    month,
    amount: FINANCE_DEMO.allocated,
    date: '2025-07-25',
    note: 'Phân phối 75% KPCĐ tháng 6/2025 cho CĐCS',
  });
  const run = await api.send('POST', '/v1/finance/reconciliations', 'seed-reconciliation-2025-06', {
    month,
    unitIds: [cdcsId],
  });
  await target.drain();
  const report = await api.get(`/v1/finance/units/${cdcsId}/reconciliations/${month}`);
  log(
    `seed: finance ${month} for CDCS-LHHKHKT-BG — dues collected, levy matched from ${statement.fileName ?? 'the statement'}, reconciliation ${run.id}: ${report.discrepancies?.length ?? '?'} discrepancy`,
  );
}

/** The few fields of the API's answers the seed reads; the rest is passed over. */
interface Answer {
  id?: string;
  fileName?: string;
  members?: unknown[];
  discrepancies?: unknown[];
}

function financeClient(baseUrl: string, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'accept-language': 'en', 'content-type': 'application/json' };
  return {
    async get<T = Answer>(path: string): Promise<T> {
      const res = await fetch(`${baseUrl}${path}`, { headers });
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
      return (await res.json()) as T;
    },
    async send(
      method: 'POST' | 'PUT',
      path: string,
      idempotencyKey: string | undefined,
      body: unknown,
    ): Promise<Answer> {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...headers, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
      return (await res.json()) as Answer;
    },
  };
}
