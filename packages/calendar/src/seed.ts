import type { CalendarNotice } from './notices.ts';

/**
 * The announcements known today, from `DOMAIN.md` ("The working-day calendar"), with its
 * certainty. What a notice repeats of the holiday library (Tết 2026 falls on the same days) is
 * kept all the same: the announcement, not the library's rule, is what public employees follow,
 * and the explanation then names it. 2025 and 2027 have no announcement here yet (the README
 * says what that means); an admin adds them through the inspection service.
 */
export const SEED_NOTICES: readonly CalendarNotice[] = [
  {
    id: '2026-tet',
    year: 2026,
    source:
      'Thông báo của Bộ Nội vụ về lịch nghỉ Tết Âm lịch 2026 của cán bộ, công chức, viên chức (as DOMAIN.md records it)',
    certainty: 'likely',
    days: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((date) => ({
      date,
      status: 'off' as const,
      name: { vi: 'Tết', en: 'Tết' },
    })),
  },
  {
    id: '2026-hung-kings',
    year: 2026,
    source: 'Bộ luật Lao động 2019, Điều 111: Giỗ Tổ Hùng Vương falls on Sunday 26/4/2026, so Monday 27/4 is off',
    certainty: 'likely',
    days: [
      {
        date: '2026-04-27',
        status: 'off',
        name: { vi: 'bù Giỗ Tổ Hùng Vương', en: "Hung Kings' Commemoration (substitute day)" },
      },
    ],
  },
  {
    id: '2026-national-day',
    year: 2026,
    source: 'TB 9441/TB-BNV: 31/8 to 2/9/2026 off, Saturday 22/8 worked instead (Bộ luật Lao động 2019, Điều 112)',
    certainty: 'likely',
    days: [
      { date: '2026-08-22', status: 'working', replaces: '2026-08-31' },
      { date: '2026-08-31', status: 'off', name: { vi: 'Quốc khánh', en: 'National Day' } },
      { date: '2026-09-01', status: 'off', name: { vi: 'Quốc khánh', en: 'National Day' } },
    ],
  },
];
