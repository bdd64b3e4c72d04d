/**
 * Emulation's demo of the awards' whole path (called from `demo/seed.ts`), through the HTTP API,
 * safe to run again (looked up by title, or sent with Idempotency-Keys, each step only if not yet):
 *
 * - seed 003's initiatives of the campaign "Trung thành, trách nhiệm, liêm chính, sáng tạo"
 *   (its CĐCS Kho bạc sent 22 to the national "1 triệu sáng kiến" system): one from each of
 *   Khánh Hòa's three CĐCS, its member the author, accepted at the province's scope, two of them
 *   marked sent, so CDVC-KH's export with `sent=false` holds the rest;
 * - seed 001's CĐCS nominated for "Tập thể lao động tiên tiến" (demo/seed.ts) received by
 *   CDVC-BG and refused there, the reprimand of inspection's demo named as the reason;
 * - a member of that CĐCS nominated for "Lao động tiên tiến" 2025, received by CDVC-BG, approved
 *   by its council and decided today: 0.3 × lương cơ sở in force today, posted in finance
 *   (6113 / 111 of CDVC-BG, whose cash a sponsor's gift funds first), LedgerPosted recorded on
 *   the decision.
 */
import { dayInVietnam, type Initiative, type Nomination } from '@congdoan/contracts';

/** The calls demo/seed.ts makes: JSON in and out, an error naming the call on any failure. */
export interface DemoApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown, key?: string): Promise<T>;
}

export const AWARDS_DEMO = {
  initiatives: [
    {
      unit: 'CDCS-KBNN-KH',
      title: 'Giải quyết thủ tục kiểm soát chi trên dịch vụ công trực tuyến',
      field: 'Cải cách hành chính',
      benefit: { kind: 'value', dong: 180_000_000 },
      sent: { on: '2026-04-15', reference: 'SK-KH-0017' },
    },
    {
      unit: 'CDCS-BQLKKT-VP',
      title: 'Phần mềm theo dõi hồ sơ một cửa của Khu Kinh tế',
      field: 'Chuyển đổi số',
      benefit: { kind: 'description', text: '100% doanh nghiệp hài lòng; hồ sơ trả đúng hẹn' },
      sent: { on: '2026-04-15', reference: 'SK-KH-0018' },
    },
    {
      unit: 'CDCS-HND-KH',
      title: 'Mô hình hướng dẫn làm giàu cho hội viên nông dân',
      field: 'Nông nghiệp',
      benefit: { kind: 'description', text: 'Hàng trăm mô hình được nhân rộng ở cơ sở' },
      sent: null,
    },
  ],
  /** A sponsor's gift to CDVC-BG's cash, from which the prize is paid. */
  fund: 1_000_000,
  prizeYear: 2025,
} as const;

const today = () => dayInVietnam(new Date());

/** The three initiatives, each of its CĐCS's member, accepted, two marked sent to the portal. */
async function seedInitiatives(
  api: DemoApi,
  units: Readonly<Record<string, string>>,
  authors: readonly { unitId: string; memberId: string }[],
): Promise<Initiative[]> {
  const done: Initiative[] = [];
  for (const [n, spec] of AWARDS_DEMO.initiatives.entries()) {
    const unitId = units[spec.unit];
    const author = authors.find((a) => a.unitId === unitId);
    if (!unitId || !author) throw new Error(`the demo has no ${spec.unit} or no member of it`);
    const page = await api.get<{ items: Initiative[] }>(`/v1/emulation/units/${unitId}/initiatives?limit=200`);
    let i =
      page.items.find((x) => x.title === spec.title) ??
      (await api.post<Initiative>(
        '/v1/emulation/initiatives',
        {
          unitId,
          title: spec.title,
          authors: [{ memberId: author.memberId, sharePercent: 100 }],
          field: spec.field,
          description: `Sáng kiến trong Cuộc vận động "Trung thành, trách nhiệm, liêm chính, sáng tạo": ${spec.title.toLowerCase()}.`,
          appliedOn: '2025-09-01',
          benefit: spec.benefit,
        },
        `seed-emulation-portal-initiative-${n}`,
      ));
    if (i.status === 'submitted')
      i = await api.post<Initiative>(`/v1/emulation/initiatives/${i.id}/evaluation`, {
        scores: { newness: 85, feasibility: 80, effectiveness: 82 },
        on: '2026-03-02',
      });
    if (i.status === 'evaluated')
      i = await api.post<Initiative>(`/v1/emulation/initiatives/${i.id}/acceptance`, {
        scope: 'province',
        recognition: { number: `${12 + n}/QĐ-CĐVCKH`, date: '2026-03-20' },
      });
    if (spec.sent && !i.sent) i = await api.post<Initiative>(`/v1/emulation/initiatives/${i.id}/sent`, spec.sent);
    done.push(i);
  }
  return done;
}

/** A nomination through receipt, the council and the decision, each step only if not taken yet. */
async function seedPrize(api: DemoApi, upper: string, cdcs: string, memberId: string): Promise<Nomination> {
  const day = today();
  let n = await api.post<Nomination>(
    '/v1/emulation/nominations',
    {
      proposingUnitId: cdcs,
      titleCode: 'lao-dong-tien-tien',
      year: AWARDS_DEMO.prizeYear,
      candidate: { kind: 'member', memberId },
      absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
      achievements: 'Hoàn thành tốt nhiệm vụ năm 2025; tích cực trong Cuộc vận động',
    },
    'seed-emulation-nomination-prize',
  );
  n = await api.get<Nomination>(`/v1/emulation/nominations/${n.id}`);
  if (n.status === 'proposed')
    n = await api.post<Nomination>(`/v1/emulation/nominations/${n.id}/receipt`, { decidingUnitId: upper, on: day });
  if (n.status === 'received')
    n = await api.post<Nomination>(`/v1/emulation/nominations/${n.id}/council`, {
      members: 7,
      present: 7,
      yes: 7,
      on: day,
    });
  if (n.status === 'approved') {
    await api.post(
      `/v1/finance/units/${upper}/ledger/postings`,
      {
        date: day,
        memo: 'Doanh nghiệp tài trợ kinh phí khen thưởng phong trào thi đua (dữ liệu mẫu)',
        voucher: 'receipt',
        lines: [
          { account: '111', debit: AWARDS_DEMO.fund, credit: 0 },
          { account: '5118', debit: 0, credit: AWARDS_DEMO.fund },
        ],
      },
      'seed-emulation-prize-fund',
    );
    n = await api.post<Nomination>(`/v1/emulation/nominations/${n.id}/decision`, {
      decidingUnitId: upper,
      decision: { number: '27/QĐ-CĐVC', date: day },
    });
  }
  return n;
}

export async function seedAwards(
  api: DemoApi,
  context: { drain(): Promise<void>; log(line: string): void; ids: Readonly<Record<string, string>> },
  units: {
    upper: string;
    cdcs: string;
    members: readonly string[];
    /** Khánh Hòa's CĐCS members, the initiatives' authors. */
    khanhHoa: readonly { unitId: string; memberId: string }[];
    refusedNominationId: string;
  },
): Promise<void> {
  const initiatives = await seedInitiatives(api, context.ids, units.khanhHoa);
  let refused = await api.get<Nomination>(`/v1/emulation/nominations/${units.refusedNominationId}`);
  if (refused.status === 'proposed')
    refused = await api.post<Nomination>(`/v1/emulation/nominations/${refused.id}/receipt`, {
      decidingUnitId: units.upper,
      on: today(),
    });
  const decided = await seedPrize(api, units.upper, units.cdcs, units.members[1] ?? units.members[0]!);
  await context.drain(); // finance posts the prize and answers; emulation records the answer
  const posting = (await api.get<Nomination>(`/v1/emulation/nominations/${decided.id}`)).decision?.posting;
  context.log(
    `emulation: ${initiatives.length} initiatives for the portal, ${initiatives.filter((i) => i.sent).length} sent; CĐCS nomination ${refused.status}; prize ${decided.decision?.prize?.amount ?? '—'} đồng ${posting?.status ?? '—'}`,
  );
}
