/**
 * Emulation's demo bloc, after seed 002's "Khối thi đua II" (a bloc of peer units that signs a
 * pact, has a leader and a deputy, and is scored and ranked each year). Seed 002's seven
 * central agencies are not in the demo tree, so the bloc is CDVC-BG's five CĐCS:
 *
 * - 2025: formed by CDVC-BG with its pact and the policy's default criteria, CDCS-SNV-BG named
 *   leader; every member scored (one change with its reason), ranked: two CĐCS tie on 85 and
 *   the criteria in order part them; the top unit, CDCS-BVDK-BG, proposed for the emulation flag
 *   (a nomination for "Cờ thi đua cấp tỉnh");
 * - 2026: formed with no leader named: the lead rotates to CDCS-BVDK-BG, the best of 2025 other
 *   than its leader.
 *
 * Through the HTTP API; a run cut short runs again (blocs looked up by code, steps taken only if
 * not yet, the rest sent with Idempotency-Keys).
 */
import type { Bloc } from '@congdoan/contracts';

/** What the demo sends through: emulation's seed client. */
interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown, key?: string): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
}

export const BLOC_DEMO = {
  code: 'khoi-ii',
  name: 'Khối thi đua II — các CĐCS trực thuộc Công đoàn Viên chức tỉnh',
  leader2025: 'CDCS-SNV-BG',
  /** Points on the default criteria (30, 25, 20, 15, 10), by unit code; ranked as listed. */
  scores: {
    'CDCS-BVDK-BG': [28, 23, 18, 14, 9],
    'CDCS-SNV-BG': [27, 22, 18, 13, 9],
    'CDCS-LHHKHKT-BG': [26, 21, 17, 13, 8],
    'CDCS-DPTTH-BG': [26, 21, 17, 12, 9],
    'CDCS-TTDDTB-LG': [24, 20, 16, 12, 8],
  } as Record<string, number[]>,
} as const;

const CRITERIA = ['political-tasks', 'representation', 'emulation-movements', 'organisation', 'finance-inspection'];

export async function seedBlocs(api: Api, ids: Record<string, string>, log: (line: string) => void) {
  const upper = ids['CDVC-BG'];
  const codes = Object.keys(BLOC_DEMO.scores);
  const members = codes.map((code) => ids[code]);
  if (!upper || members.some((m) => !m)) throw new Error('membership’s seed gave no CDVC-BG or one of its CĐCS');
  const find = async (year: number) =>
    (await api.get<{ items: Bloc[] }>(`/v1/emulation/blocs?year=${year}`)).items.find(
      (b) => b.organiserUnitId === upper && b.code === BLOC_DEMO.code,
    );
  const form = async (year: number, leader?: string) =>
    (await find(year)) ??
    (await api.post<Bloc>(
      '/v1/emulation/blocs',
      {
        organiserUnitId: upper,
        code: BLOC_DEMO.code,
        name: BLOC_DEMO.name,
        year,
        memberUnitIds: members,
        ...(leader ? { leaderUnitId: leader } : {}),
        pact: { signedOn: `${year}-02-10`, documentNumber: `01/GƯTĐ-KII-${year}` },
      },
      `seed-emulation-bloc-${year}`,
    ));

  let bloc = await form(2025, ids[BLOC_DEMO.leader2025]);
  if (!bloc.flagProposal) {
    for (const code of codes) {
      const points = BLOC_DEMO.scores[code]!;
      // The leader's first points for the hospital's representation, changed by CDVC-BG with its reason.
      const first = code === 'CDCS-BVDK-BG' ? [points[0]!, points[1]! + 1, ...points.slice(2)] : points;
      await api.put(`/v1/emulation/blocs/${bloc.id}/scores/${ids[code]}`, {
        scores: CRITERIA.map((criterion, i) => ({ criterion, points: first[i]! })),
        on: '2026-01-12',
      });
    }
    await api.put(`/v1/emulation/blocs/${bloc.id}/scores/${ids['CDCS-BVDK-BG']}`, {
      scores: [
        {
          criterion: 'representation',
          points: BLOC_DEMO.scores['CDCS-BVDK-BG']![1]!,
          reason: 'Chưa có biên bản đối thoại định kỳ quý IV',
        },
      ],
      on: '2026-01-15',
    });
    bloc = await api.post<Bloc>(
      `/v1/emulation/blocs/${bloc.id}/flag-proposal`,
      { on: '2026-01-20' },
      'seed-emulation-bloc-flag-2025',
    );
  }
  const next = await form(2026);
  log(
    `emulation: ${BLOC_DEMO.name} 2025 of ${members.length} CĐCS ranked, flag proposed for ${bloc.flagProposal?.unitName}; 2026 leader ${next.leader.name} (${next.leader.basis})`,
  );
}
