import { describe, expect, it } from 'vitest';
import {
  type CalendarNotice,
  InMemoryNoticeStore,
  loadCalendar,
  loadHolidayRules,
  NoticeConflictError,
  SEED_NOTICES,
  statutoryHolidays,
  WorkingCalendar,
  withNotice,
} from '../src/index.ts';

await loadHolidayRules();
const calendar = new WorkingCalendar(SEED_NOTICES);
const DENUNCIATION_INITIAL = { vi: 'Luật Tố cáo 2018, Điều 24', en: 'Law on Denunciation 2018, Art. 24' };
const COMPLAINT_FIRST = { vi: 'Luật Khiếu nại 2011, Điều 28', en: 'Law on Complaints 2011, Art. 28' };

const publicDays = (year: number) =>
  Object.fromEntries([...statutoryHolidays(year).values()].map((h) => [h.date, h.id]));

describe('what date-holidays says of Vietnam (checked against DOMAIN.md)', () => {
  it('2026: Tết 16–20/2 (lunar new year 17/2), Giỗ Tổ on Sunday 26/4, and no second National Day day', () => {
    expect(publicDays(2026)).toEqual({
      '2026-01-01': 'new-year',
      '2026-02-16': 'tet',
      '2026-02-17': 'tet',
      '2026-02-18': 'tet',
      '2026-02-19': 'tet',
      '2026-02-20': 'tet',
      '2026-04-26': 'hung-kings',
      '2026-04-30': 'reunification',
      '2026-05-01': 'labour',
      '2026-09-02': 'national-day',
    });
  });

  it('2025 and 2027: the lunar days move, the substitute days and the adjacent 2/9 day are missing', () => {
    expect(publicDays(2025)).toEqual({
      '2025-01-01': 'new-year',
      '2025-01-28': 'tet',
      '2025-01-29': 'tet',
      '2025-01-30': 'tet',
      '2025-01-31': 'tet',
      '2025-02-01': 'tet',
      '2025-04-07': 'hung-kings',
      '2025-04-30': 'reunification',
      '2025-05-01': 'labour',
      '2025-09-02': 'national-day',
    });
    // Tết 2027 starts on Saturday 6/2: the library keeps the weekend days and adds no substitute.
    expect(publicDays(2027)).toEqual({
      '2027-01-01': 'new-year',
      '2027-02-05': 'tet',
      '2027-02-06': 'tet',
      '2027-02-07': 'tet',
      '2027-02-08': 'tet',
      '2027-02-09': 'tet',
      '2027-04-16': 'hung-kings',
      '2027-04-30': 'reunification',
      '2027-05-01': 'labour',
      '2027-09-02': 'national-day',
    });
  });

  it('leaves observances out: 3/2, 8/3 and 20/10 are working days', () => {
    for (const day of ['2026-02-03', '2026-03-09', '2026-10-20']) expect(calendar.isWorkingDay(day)).toBe(true);
  });
});

describe('a working day', () => {
  it('is Monday to Friday, less the holidays and the notices’ days off, plus the weekend days worked', () => {
    expect(calendar.day('2026-02-13')).toEqual({ date: '2026-02-13', working: true, kind: 'weekday' });
    expect(calendar.day('2026-02-14')).toEqual({ date: '2026-02-14', working: false, kind: 'weekend' });
    expect(calendar.day('2026-04-27')).toMatchObject({ working: false, kind: 'holiday', certainty: 'likely' });
    expect(calendar.day('2026-04-30')).toMatchObject({ working: false, kind: 'holiday', certainty: 'sure' });
    expect(calendar.day('2026-08-22')).toMatchObject({ working: true, kind: 'worked' });
    expect(calendar.day('2026-08-31')).toMatchObject({ working: false, name: { vi: 'Quốc khánh' } });
    expect(calendar.isWorkingDay('2026-09-03')).toBe(true);
  });

  it('refuses what is not a calendar day', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('12/02/2026', 7)).toThrow(/YYYY-MM-DD/);
    expect(() => calendar.addWorkingDays('2026-02-12', 1.5)).toThrow(/whole number/);
  });
});

describe('a deadline in working days', () => {
  it('across Tết 2026: the issue’s example, day 1 being the day after receipt', () => {
    const deadline = calendar.addWorkingDays('2026-02-12', 7, { rule: DENUNCIATION_INITIAL });
    expect(deadline).toMatchObject({ date: '2026-03-02', kind: 'working', from: '2026-02-12', days: 7 });
    expect(deadline.explanation).toEqual({
      vi: '7 ngày làm việc kể từ 12/02/2026 (nghỉ Tết 16–20/02) → 02/03/2026 (Luật Tố cáo 2018, Điều 24)',
      en: '7 working days from 12/02/2026 (off: Tết 16–20/02) → 02/03/2026 (Law on Denunciation 2018, Art. 24)',
    });
    expect(deadline.skipped.map((d) => d.date)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    expect(deadline.skipped[0]?.source).toMatch(/Tết Âm lịch 2026/);
    expect(deadline.unannouncedYears).toEqual([]);
  });

  it('across 30/4–1/5 2026 with Giỗ Tổ’s substitute Monday 27/4', () => {
    const deadline = calendar.addWorkingDays('2026-04-23', 5);
    // 24/4 (1), 27/4 off, 28 (2), 29 (3), 30/4 and 1/5 off, 4/5 (4), 5/5 (5).
    expect(deadline.date).toBe('2026-05-05');
    expect(deadline.skipped.map((d) => d.date)).toEqual(['2026-04-27', '2026-04-30', '2026-05-01']);
    expect(deadline.explanation.vi).toBe(
      '5 ngày làm việc kể từ 23/04/2026 (nghỉ bù Giỗ Tổ Hùng Vương 27/04; nghỉ Ngày Giải phóng miền Nam và Quốc tế Lao động 30/04–01/05) → 05/05/2026',
    );
    expect(deadline.explanation.en).toBe(
      "5 working days from 23/04/2026 (off: Hung Kings' Commemoration (substitute day) 27/04; Reunification Day and International Labour Day 30/04–01/05) → 05/05/2026",
    );
  });

  it('across 2/9 2026: 31/8–2/9 off, Saturday 22/8 worked', () => {
    const deadline = calendar.addWorkingDays('2026-08-20', 10, { rule: DENUNCIATION_INITIAL });
    // 21 (1), Sat 22 (2), 24–28 (3–7), 31/8–2/9 off, 3/9 (8), 4/9 (9), 7/9 (10).
    expect(deadline.date).toBe('2026-09-07');
    expect(deadline.worked.map((d) => d.date)).toEqual(['2026-08-22']);
    expect(deadline.explanation.vi).toBe(
      '10 ngày làm việc kể từ 20/08/2026 (nghỉ Quốc khánh 31/08–02/09; làm bù thứ Bảy 22/08) → 07/09/2026 (Luật Tố cáo 2018, Điều 24)',
    );
    expect(deadline.explanation.en).toBe(
      '10 working days from 20/08/2026 (off: National Day 31/08–02/09; Saturday 22/08 worked) → 07/09/2026 (Law on Denunciation 2018, Art. 24)',
    );
    // Without the notice, the library alone gives 2/9 off and no swap: 21, 24–28, 31/8, 1/9, 3/9, 4/9.
    expect(new WorkingCalendar([]).addWorkingDays('2026-08-20', 10).date).toBe('2026-09-04');
  });

  it('counts back for the congress cut-off, skipping the same days', () => {
    // Congress on Monday 11/5/2026, a CĐCS: complaints until 25 working days before.
    const cutOff = calendar.addWorkingDays('2026-05-11', -25);
    // Back from 8/5: 8,7,6,5,4/5 (5), 1/5 30/4 off, 29,28 (7), 27/4 off, 24..20 (12), 17..13 (17), 10..6 (22), 3,2,1/4 (25).
    expect(cutOff.date).toBe('2026-04-01');
    expect(cutOff.skipped.map((d) => d.date)).toEqual(['2026-04-27', '2026-04-30', '2026-05-01']);
    expect(cutOff.explanation.vi).toMatch(/^25 ngày làm việc trước 11\/05\/2026 \(nghỉ bù Giỗ Tổ/);
    expect(cutOff.explanation.en).toMatch(/^25 working days before 11\/05\/2026/);
    expect(calendar.workingDaysBetween('2026-05-11', cutOff.date)).toBe(-25);
  });

  it('says when it crosses a year with no notice recorded', () => {
    const deadline = calendar.addWorkingDays('2026-12-28', 5);
    expect(deadline.date).toBe('2027-01-05');
    expect(deadline.unannouncedYears).toEqual([2027]);
    expect(deadline.explanation.vi).toBe(
      '5 ngày làm việc kể từ 28/12/2026 (nghỉ Tết Dương lịch 01/01/2027) → 05/01/2027 [năm 2027 chưa có thông báo lịch nghỉ: ngày nghỉ bù, hoán đổi có thể làm hạn thay đổi]',
    );
    expect(deadline.explanation.en).toContain('[no days-off notice recorded for 2027');
  });

  it('groups holidays split only by a weekend into one break (Tết 2027 as the library has it)', () => {
    const deadline = new WorkingCalendar([]).addWorkingDays('2027-02-04', 1);
    expect(deadline.date).toBe('2027-02-10');
    expect(deadline.explanation.vi).toBe(
      '1 ngày làm việc kể từ 04/02/2027 (nghỉ Tết 05–09/02) → 10/02/2027 [năm 2027 chưa có thông báo lịch nghỉ: ngày nghỉ bù, hoán đổi có thể làm hạn thay đổi]',
    );
    expect(deadline.explanation.en).toMatch(/^1 working day from 04\/02\/2027 \(off: Tết 05–09\/02\)/);
  });
});

describe('a deadline in calendar days', () => {
  it('ignores holidays: 30 days from 12/02/2026 is 14/03/2026, Tết included', () => {
    const deadline = calendar.addCalendarDays('2026-02-12', 30, { rule: COMPLAINT_FIRST });
    expect(deadline).toMatchObject({ date: '2026-03-14', kind: 'calendar', skipped: [], unannouncedYears: [] });
    expect(deadline.explanation).toEqual({
      vi: '30 ngày kể từ 12/02/2026 (ngày lịch, tính cả ngày nghỉ) → 14/03/2026 (Luật Khiếu nại 2011, Điều 28)',
      en: '30 calendar days from 12/02/2026 (days off included) → 14/03/2026 (Law on Complaints 2011, Art. 28)',
    });
    // 14/03/2026 is a Saturday, and stays the deadline unless the rule says otherwise.
    expect(calendar.isWorkingDay('2026-03-14')).toBe(false);
  });

  it('moves to the next working day only when asked (Civil Code Art. 148), and says so', () => {
    const deadline = calendar.addCalendarDays('2026-08-01', 30, { endOnWorkingDay: true });
    expect(deadline).toMatchObject({ date: '2026-09-03', movedFrom: '2026-08-31' });
    expect(deadline.explanation.vi).toBe(
      '30 ngày kể từ 01/08/2026 (ngày lịch, tính cả ngày nghỉ) → 31/08/2026 là ngày nghỉ (nghỉ Quốc khánh 31/08–02/09), dời sang ngày làm việc tiếp theo 03/09/2026 theo BLDS 2015, Điều 148',
    );
    expect(deadline.explanation.en).toBe(
      '30 calendar days from 01/08/2026 (days off included) → 31/08/2026, a day off (off: National Day 31/08–02/09), moved to the next working day 03/09/2026 under Civil Code 2015, Art. 148',
    );
    const weekend = calendar.addCalendarDays('2026-02-12', 30, { endOnWorkingDay: true });
    expect(weekend.date).toBe('2026-03-16');
    expect(weekend.explanation.en).toContain('14/03/2026, a weekend day, moved to the next working day 16/03/2026');
    expect(calendar.addCalendarDays('2026-02-12', 32, { endOnWorkingDay: true })).not.toHaveProperty('movedFrom');
  });

  it('ends on a Saturday worked in a swap, a working day, and says why it did not move', () => {
    const deadline = calendar.addCalendarDays('2026-08-12', 10, { endOnWorkingDay: true });
    expect(deadline).toMatchObject({ date: '2026-08-22', skipped: [], worked: [{ date: '2026-08-22' }] });
    expect(deadline).not.toHaveProperty('movedFrom');
    expect(deadline.explanation).toEqual({
      vi: '10 ngày kể từ 12/08/2026 (ngày lịch, tính cả ngày nghỉ) → 22/08/2026 (làm bù thứ Bảy 22/08: ngày làm việc, không dời hạn)',
      en: '10 calendar days from 12/08/2026 (days off included) → 22/08/2026 (Saturday 22/08 worked: a working day, the limit stays)',
    });
    // Without the Civil Code's rule the day is the day, whatever it is, and nothing is said of it.
    expect(calendar.addCalendarDays('2026-08-12', 10).worked).toEqual([]);
  });
});

describe('the notices', () => {
  const swap: CalendarNotice = {
    id: '2027-national-day',
    year: 2027,
    source: 'a test notice',
    certainty: 'unsure',
    days: [
      { date: '2027-09-03', status: 'off', name: { vi: 'Quốc khánh', en: 'National Day' } },
      { date: '2027-09-11', status: 'working', replaces: '2027-09-03' },
    ],
  };

  it('an admin adds a year through the store, and the calendar loaded from it follows', async () => {
    const store = new InMemoryNoticeStore();
    expect((await loadCalendar(store)).isWorkingDay('2027-09-03')).toBe(true);
    await store.save(swap);
    const updated = await loadCalendar(store);
    expect(updated.isWorkingDay('2027-09-03')).toBe(false);
    expect(updated.isWorkingDay('2027-09-11')).toBe(true);
    expect(updated.announcedYears()).toEqual([2026, 2027]);
    // Saving the same id again replaces it.
    await store.save({ ...swap, days: [swap.days[0]!] });
    expect((await loadCalendar(store)).isWorkingDay('2027-09-11')).toBe(false);
  });

  it('keeps a day in one notice: a second notice listing it is refused, naming both', () => {
    const again: CalendarNotice = {
      ...swap,
      id: '2026-extra',
      year: 2026,
      days: [{ date: '2026-08-31', status: 'off', name: { vi: 'Quốc khánh', en: 'National Day' } }],
    };
    expect(() => withNotice(SEED_NOTICES, again)).toThrow(NoticeConflictError);
    expect(() => withNotice(SEED_NOTICES, again)).toThrow(
      'A day belongs to one calendar notice: 2026-08-31 is in 2026-national-day and 2026-extra',
    );
    expect(() => new WorkingCalendar([...SEED_NOTICES, again])).toThrow(NoticeConflictError);
    // Correcting the notice under its own id is how a day changes hands.
    expect(withNotice(SEED_NOTICES, { ...again, id: '2026-national-day' }).map((n) => n.id)).toEqual([
      '2026-tet',
      '2026-hung-kings',
      '2026-national-day',
    ]);
  });

  it('refuses days that change nothing, days of another year and a day listed twice', () => {
    const bad = (days: CalendarNotice['days']) => () => withNotice([], { ...swap, days });
    expect(bad([{ date: '2027-09-06', status: 'working' }])).toThrow(/is a working day already/);
    expect(bad([{ date: '2027-09-04', status: 'off', name: { vi: 'a', en: 'a' } }])).toThrow(/weekend day: it is off/);
    expect(bad([{ date: '2026-09-03', status: 'off', name: { vi: 'a', en: 'a' } }])).toThrow(/not in 2027/);
    expect(bad([swap.days[0]!, swap.days[0]!])).toThrow(/listed twice/);
  });

  it('can make a library holiday a working day, when the announced Tết days differ from the library’s', () => {
    // The library's Tết 2027 starts on Friday 5/2; a notice that moves that day is honoured.
    const tet: CalendarNotice = {
      id: '2027-tet',
      year: 2027,
      source: 'a test notice',
      certainty: 'unsure',
      days: [
        { date: '2027-02-05', status: 'working' },
        { date: '2027-02-10', status: 'off', name: { vi: 'Tết', en: 'Tết' } },
      ],
    };
    const moved = new WorkingCalendar([tet]);
    expect(moved.isWorkingDay('2027-02-05')).toBe(true);
    expect(moved.isWorkingDay('2027-02-10')).toBe(false);
    const deadline = moved.addWorkingDays('2027-02-04', 2);
    expect(deadline.date).toBe('2027-02-11');
    expect(deadline.explanation.vi).toBe(
      '2 ngày làm việc kể từ 04/02/2027 (nghỉ Tết 08–10/02; làm bù thứ Sáu 05/02) → 11/02/2027',
    );
  });
});
