/**
 * Emulation's demo data (`npm start` finds it here), through the HTTP API like a person; a run
 * cut short runs again (the campaign and initiative are looked up by their titles, the rest sent
 * with Idempotency-Keys):
 *
 * - seed 003's campaign "Trung thành, trách nhiệm, liêm chính, sáng tạo" of Công đoàn Viên chức
 *   tỉnh Khánh Hòa for this year, with deeds ("việc làm theo Bác") registered by a member of each
 *   of its three CĐCS, one confirmed done; their initiatives for the national portal are in
 *   demo/awards.ts;
 * - an initiative of a member of seed 001's CĐCS, scored by the council and accepted;
 * - that CĐCS rated for 2026: its self-assessment, the upper level's review and approval;
 * - that CĐCS nominated for "Tập thể lao động tiên tiến" in the year of inspection's demo
 *   reprimand (services/inspection/demo/seed.ts), and refused: the eligibility names the
 *   reprimand;
 * - seed 002's bloc of seven, ranked (demo/blocs.ts).
 */
import type { DemoSeedContext, Initiative, Movement, Nomination, Registration } from '@congdoan/contracts';
import { defineSeed } from '@congdoan/contracts';
import { seedAwards } from './awards.ts';
import { seedBlocs } from './blocs.ts';

export const EMULATION_DEMO = {
  theme: 'Trung thành, trách nhiệm, liêm chính, sáng tạo',
  initiative: 'Số hóa hồ sơ đoàn viên và sổ theo dõi đoàn phí',
  deeds: [12, 8, 5],
  /** The year of inspection's demo reprimand (12/QĐ-UBKT of 20/10/2026). */
  nominationYear: 2026,
} as const;

interface RatingView {
  status: string;
  category: string | null;
}

interface Eligibility {
  outcome: string;
  verdicts: { rule: string; outcome: string; reason: { vi: string } }[];
}

/** The demo's calls: JSON in and out, an error naming the call on any failure. */
function client({ url, token }: DemoSeedContext) {
  async function request<T>(method: string, path: string, body?: unknown, key?: string): Promise<T> {
    const res = await fetch(url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key && method !== 'GET' ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 404 && method === 'GET' && key === 'find') return undefined as T;
    if (res.status >= 300) throw new Error(`emulation seed: ${method} ${path} → ${res.status} ${text.slice(0, 400)}`);
    return JSON.parse(text) as T;
  }
  return {
    get: <T>(path: string) => request<T>('GET', path),
    /** A GET whose 404 means "not made yet": undefined. */
    find: <T>(path: string) => request<T | undefined>('GET', path, undefined, 'find'),
    post: <T>(path: string, body: unknown, key?: string) => request<T>('POST', path, body, key),
    put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  };
}

export const seed = defineSeed({
  after: ['membership', 'inspection'],
  async run(context) {
    const upper = context.ids['CDVC-BG'];
    const cdcs = context.ids['CDCS-LHHKHKT-BG'];
    const khanhHoa = context.ids['CDVC-KH'];
    if (!upper || !cdcs || !khanhHoa) throw new Error('membership’s seed gave no CDVC-BG, CDCS-LHHKHKT-BG or CDVC-KH');
    const api = client(context);
    await context.drain(); // the member directory and inspection's reprimand reach emulation
    const year = Number(new Date().toISOString().slice(0, 4));
    const members = (
      await api.get<{ items: { id: string }[] }>(`/v1/membership/units/${cdcs}/members?status=active&limit=3`)
    ).items.map((m) => m.id);
    // One member in each of Khánh Hòa's three CĐCS (services/membership/demo/members.ts).
    const khanhHoaMembers = (
      await api.get<{ items: { id: string; unitId: string }[] }>(
        `/v1/membership/units/${khanhHoa}/members?subtree=true&status=active&limit=10`,
      )
    ).items;

    const listed = await api.get<{ items: Movement[] }>(`/v1/emulation/units/${khanhHoa}/movements?year=${year}`);
    const campaign =
      listed.items.find((m) => m.theme === EMULATION_DEMO.theme) ??
      (await api.post<Movement>(
        '/v1/emulation/movements',
        {
          unitId: khanhHoa,
          kind: 'campaign',
          theme: EMULATION_DEMO.theme,
          period: { from: `${year}-01-01`, to: `${year}-12-31` },
          registrationDeadline: `${year}-12-31`,
          criteria: ['Đăng ký và thực hiện việc làm theo Bác', 'Có sáng kiến, cải tiến trong công việc'],
        },
        `seed-emulation-campaign-${year}`,
      ));
    const registrations: Registration[] = [];
    for (const [i, { id: memberId }] of khanhHoaMembers.entries()) {
      registrations.push(
        await api.post<Registration>(
          `/v1/emulation/movements/${campaign.id}/registrations`,
          {
            kind: 'deeds',
            registrant: { kind: 'member', memberId },
            count: EMULATION_DEMO.deeds[i] ?? 1,
            description: 'Tiết kiệm điện, giấy; hướng dẫn đồng nghiệp dùng phần mềm',
          },
          `seed-emulation-deeds-${year}-${i}`,
        ),
      );
    }
    const first = registrations[0];
    if (first && first.status === 'registered') {
      await api.post(`/v1/emulation/registrations/${first.id}/confirm`, { on: first.registeredOn });
    }

    const initiative = await seedInitiative(api, cdcs, members[0]!);
    const rating = await seedRating(api, cdcs);
    await seedBlocs(api, context.ids, context.log);
    const nomination = await api.post<Nomination>(
      '/v1/emulation/nominations',
      {
        proposingUnitId: cdcs,
        titleCode: 'tap-the-lao-dong-tien-tien',
        year: EMULATION_DEMO.nominationYear,
        candidate: { kind: 'unit', unitId: cdcs },
        achievements: 'Hoàn thành tốt các chỉ tiêu công tác công đoàn năm 2026',
      },
      'seed-emulation-nomination-lhh',
    );
    const eligibility = await api.get<Eligibility>(`/v1/emulation/nominations/${nomination.id}/eligibility`);
    await seedAwards(api, context, {
      upper,
      cdcs,
      members,
      khanhHoa: khanhHoaMembers.map((m) => ({ unitId: m.unitId, memberId: m.id })),
      refusedNominationId: nomination.id,
    });
    const refusal = eligibility.verdicts.find((v) => v.rule === 'no-discipline-in-period');
    context.log(
      `emulation: campaign "${EMULATION_DEMO.theme}" ${year} of CDVC-KH, ${registrations.length} deeds registrations; initiative ${initiative.status}; rating ${EMULATION_DEMO.nominationYear} ${rating.category}; nomination of CDCS-LHHKHKT-BG ${eligibility.outcome}: ${refusal?.reason.vi ?? ''}`,
    );
    return {
      'emulation-campaign': campaign.id,
      'emulation-initiative': initiative.id,
      'emulation-nomination-refused': nomination.id,
    };
  },
});

/** An initiative of the CĐCS's member, scored and accepted (each step taken only if not yet). */
async function seedInitiative(api: ReturnType<typeof client>, cdcs: string, author: string): Promise<Initiative> {
  const page = await api.get<{ items: Initiative[] }>(`/v1/emulation/units/${cdcs}/initiatives?limit=200`);
  let initiative =
    page.items.find((i) => i.title === EMULATION_DEMO.initiative) ??
    (await api.post<Initiative>(
      '/v1/emulation/initiatives',
      {
        unitId: cdcs,
        title: EMULATION_DEMO.initiative,
        authors: [{ memberId: author, sharePercent: 100 }],
        field: 'Chuyển đổi số',
        description: 'Quét hồ sơ đoàn viên, lập sổ theo dõi đoàn phí trên bảng tính dùng chung.',
        appliedOn: '2025-03-01',
        benefit: { kind: 'description', text: 'Giảm một nửa thời gian tra cứu hồ sơ và đối chiếu đoàn phí' },
      },
      'seed-emulation-initiative',
    ));
  if (initiative.status === 'submitted') {
    initiative = await api.post<Initiative>(`/v1/emulation/initiatives/${initiative.id}/evaluation`, {
      scores: { newness: 80, feasibility: 85, effectiveness: 75 },
      on: '2025-06-02',
    });
  }
  if (initiative.status === 'evaluated') {
    initiative = await api.post<Initiative>(`/v1/emulation/initiatives/${initiative.id}/acceptance`, {
      scope: 'unit',
      recognition: { number: '03/QĐ-CĐCS', date: '2025-06-10' },
    });
  }
  return initiative;
}

/** Seed 001's CĐCS rated for 2026: self-assessed, submitted, reviewed by CDVC-BG, approved (each step only if not yet). */
async function seedRating(api: ReturnType<typeof client>, cdcs: string): Promise<RatingView> {
  const year = EMULATION_DEMO.nominationYear;
  const path = `/v1/emulation/units/${cdcs}/ratings/${year}`;
  let rating = await api.find<RatingView>(path);
  if (!rating || rating.status === 'draft') {
    const points = { representation: 27, emulation: 16, organisation: 16, finance: 10, inspection: 9 };
    rating = await api.put<RatingView>(path, {
      scores: Object.entries(points).map(([criterion, p]) => ({
        criterion,
        points: p,
        evidence: 'Báo cáo tổng kết công tác công đoàn năm 2026',
      })),
    });
    rating = await api.post<RatingView>(`${path}/submission`, { on: `${year}-11-20` });
  }
  if (rating.status === 'submitted') {
    rating = await api.post<RatingView>(`${path}/review`, {
      adjustments: [{ criterion: 'finance', points: 9, reason: 'Nộp thiếu kinh phí phần cấp trên tháng 6/2025' }],
      on: `${year}-11-25`,
    });
  }
  if (rating.status === 'reviewed') {
    rating = await api.post<RatingView>(`${path}/approval`, {
      decision: { number: '41/QĐ-CĐVC', date: `${year}-11-30` },
    });
  }
  return rating;
}
