/**
 * Emulation's demo bloc: seed 002's "Khối thi đua II" of Công đoàn Viên chức Việt Nam, seven
 * central agencies' unions that sign a pact, have a leader, and are scored and ranked each year.
 * The article names its leader (the Fatherland Front's central office) and deputy (the National
 * Assembly's Office); the other five, and all the points, are the demo's.
 *
 * - 2025: formed by CDVC-VN with its pact and the policy's default criteria, CDCS-MTTQ-TW named
 *   leader; every member scored (one change with its reason), ranked: two unions tie on 85 and
 *   the criteria in order part them; the top unit, CDCS-VPQH, proposed for the emulation flag (a
 *   nomination for the catalogue's "Cờ thi đua cấp tỉnh", the flag a provincial federation or a
 *   national sector union such as CDVC-VN awards);
 * - 2026: formed with no leader named: the lead rotates to CDCS-VPQH, the best of 2025 other
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
  organiser: 'CDVC-VN',
  code: 'khoi-ii',
  name: 'Khối thi đua II Công đoàn Viên chức Việt Nam',
  leader2025: 'CDCS-MTTQ-TW',
  /** The member whose representation points CDVC-VN changed, with its reason. */
  adjusted: 'CDCS-VPQH',
  /** Points on the default criteria (30, 25, 20, 15, 10), by unit code; ranked as listed. */
  scores: {
    'CDCS-VPQH': [28, 23, 18, 14, 9],
    'CDCS-MTTQ-TW': [27, 22, 18, 13, 9],
    'CDCS-KTNN': [26, 21, 17, 13, 8],
    'CDCS-TANDTC': [26, 21, 17, 12, 9],
    'CDCS-VPCTN': [25, 21, 16, 12, 8],
    'CDCS-VKSNDTC': [25, 20, 16, 12, 8],
    'CDCS-HLHPN-TW': [24, 20, 16, 12, 8],
  } as Record<string, number[]>,
} as const;

const CRITERIA = ['political-tasks', 'representation', 'emulation-movements', 'organisation', 'finance-inspection'];

export async function seedBlocs(api: Api, ids: Record<string, string>, log: (line: string) => void) {
  const upper = ids[BLOC_DEMO.organiser];
  const codes = Object.keys(BLOC_DEMO.scores);
  const members = codes.map((code) => ids[code]);
  if (!upper || members.some((m) => !m)) throw new Error('membership’s seed gave no CDVC-VN or one of its CĐCS');
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
    const blocId = bloc.id;
    // Each member's sheet is its own item: scored at once.
    await Promise.all(
      codes.map((code) => {
        const points = BLOC_DEMO.scores[code]!;
        // The first points for the top union's representation, changed by CDVC-VN with its reason.
        const first = code === BLOC_DEMO.adjusted ? [points[0]!, points[1]! + 1, ...points.slice(2)] : points;
        return api.put(`/v1/emulation/blocs/${blocId}/scores/${ids[code]}`, {
          scores: CRITERIA.map((criterion, i) => ({ criterion, points: first[i]! })),
          on: '2026-01-12',
        });
      }),
    );
    await api.put(`/v1/emulation/blocs/${bloc.id}/scores/${ids[BLOC_DEMO.adjusted]}`, {
      scores: [
        {
          criterion: 'representation',
          points: BLOC_DEMO.scores[BLOC_DEMO.adjusted]![1]!,
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
    `emulation: ${BLOC_DEMO.name} 2025 of ${members.length} unions ranked, flag proposed for ${bloc.flagProposal?.unitName}; 2026 leader ${next.leader.name} (${next.leader.basis})`,
  );
}
