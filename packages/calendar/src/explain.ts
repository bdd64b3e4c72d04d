import { addDays } from '@congdoan/contracts';
import type { Deadline, SkippedDay, WorkedDay } from './calendar.ts';
import { type Day, formatDay, formatDayMonth, isWeekend, weekdayName, yearOf } from './days.ts';
import type { Bilingual } from './holidays.ts';

type Lang = 'vi' | 'en';
type WorkingParts = Pick<Deadline, 'date' | 'from' | 'days' | 'skipped' | 'worked' | 'unannouncedYears'>;
type CalendarParts = WorkingParts & Pick<Deadline, 'movedFrom'>;

const CIVIL_CODE_END: Bilingual = { vi: 'BLDS 2015, Điều 148', en: 'Civil Code 2015, Art. 148' };

/**
 * "7 ngày làm việc kể từ 12/02/2026 (nghỉ Tết 16–20/02) → 02/03/2026 (Luật Tố cáo 2018, Điều 24)"
 * and its English twin.
 */
export function explainWorkingDays(d: WorkingParts, rule: Bilingual | undefined): Bilingual {
  const text = (lang: Lang) => {
    const count = Math.abs(d.days);
    const head =
      lang === 'vi'
        ? `${count} ngày làm việc ${d.days < 0 ? 'trước' : 'kể từ'} ${formatDay(d.from)}`
        : `${count} working ${count === 1 ? 'day' : 'days'} ${d.days < 0 ? 'before' : 'from'} ${formatDay(d.from)}`;
    const daysOff = describeDaysOff(d.skipped, d.worked, d.from, lang);
    return `${head}${daysOff ? ` (${daysOff})` : ''} → ${formatDay(d.date)}${ruleText(rule, lang)}${unannounced(d.unannouncedYears, lang)}`;
  };
  return { vi: text('vi'), en: text('en') };
}

/** "30 ngày kể từ 12/02/2026 (ngày lịch, tính cả ngày nghỉ) → 14/03/2026 (Luật Khiếu nại 2011, Điều 28)". */
export function explainCalendarDays(d: CalendarParts, rule: Bilingual | undefined): Bilingual {
  const text = (lang: Lang) => {
    const count = Math.abs(d.days);
    const head =
      lang === 'vi'
        ? `${count} ngày ${d.days < 0 ? 'trước' : 'kể từ'} ${formatDay(d.from)} (ngày lịch, tính cả ngày nghỉ)`
        : `${count} calendar ${count === 1 ? 'day' : 'days'} ${d.days < 0 ? 'before' : 'from'} ${formatDay(d.from)} (days off included)`;
    const end = d.movedFrom ? moved(d.movedFrom, d, lang) : endsOn(d, lang);
    return `${head} → ${end}${ruleText(rule, lang)}${unannounced(d.unannouncedYears, lang)}`;
  };
  return { vi: text('vi'), en: text('en') };
}

function moved(end: Day, d: CalendarParts, lang: Lang): string {
  const daysOff = describeDaysOff(d.skipped, [], end, lang);
  if (lang === 'vi') {
    const why = daysOff ? `là ngày nghỉ (${daysOff})` : 'là ngày nghỉ cuối tuần';
    return `${formatDay(end)} ${why}, dời sang ngày làm việc tiếp theo ${formatDay(d.date)} theo ${CIVIL_CODE_END.vi}`;
  }
  const why = daysOff ? `a day off (${daysOff})` : 'a weekend day';
  return `${formatDay(end)}, ${why}, moved to the next working day ${formatDay(d.date)} under ${CIVIL_CODE_END.en}`;
}

/** The last day, and when it is a weekend day worked in a swap, that it is a working day and why. */
function endsOn(d: CalendarParts, lang: Lang): string {
  if (d.worked.length === 0) return formatDay(d.date);
  const swap = describeDaysOff([], d.worked, d.date, lang);
  return lang === 'vi'
    ? `${formatDay(d.date)} (${swap}: ngày làm việc, không dời hạn)`
    : `${formatDay(d.date)} (${swap}: a working day, the limit stays)`;
}

const ruleText = (rule: Bilingual | undefined, lang: Lang) => (rule ? ` (${rule[lang]})` : '');

function unannounced(years: readonly number[], lang: Lang): string {
  if (years.length === 0) return '';
  const list = years.join(', ');
  return lang === 'vi'
    ? ` [năm ${list} chưa có thông báo lịch nghỉ: ngày nghỉ bù, hoán đổi có thể làm hạn thay đổi]`
    : ` [no days-off notice recorded for ${list}: substitute days and swaps may move this date]`;
}

/**
 * The days off skipped, consecutive ones as one range ("nghỉ Tết 16–20/02"), then the weekend
 * days worked in a swap ("làm bù thứ Bảy 22/08"). Holidays separated only by a weekend are one
 * break. A date outside `reference`'s year carries its year.
 */
function describeDaysOff(skipped: readonly SkippedDay[], worked: readonly WorkedDay[], reference: Day, lang: Lang) {
  const workedDates = new Set(worked.map((w) => w.date));
  const groups: SkippedDay[][] = [];
  for (const day of skipped) {
    const group = groups.at(-1);
    const last = group?.at(-1);
    if (group && last && onlyWeekendBetween(last.date, day.date, workedDates)) group.push(day);
    else groups.push([day]);
  }
  const breaks = groups.map((group) => {
    const names = [...new Set(group.map((day) => day.name[lang]))].join(lang === 'vi' ? ' và ' : ' and ');
    const range = formatRange(group[0]!.date, group.at(-1)!.date, yearOf(reference));
    return lang === 'vi' ? `nghỉ ${names} ${range}` : `${names} ${range}`;
  });
  const swaps = worked.map((w) =>
    lang === 'vi'
      ? `làm bù ${weekdayName(w.date, 'vi')} ${formatShort(w.date, yearOf(reference))}`
      : `${weekdayName(w.date, 'en')} ${formatShort(w.date, yearOf(reference))} worked`,
  );
  const off = breaks.length === 0 ? [] : [lang === 'vi' ? breaks.join('; ') : `off: ${breaks.join('; ')}`];
  return [...off, ...swaps].join('; ');
}

function onlyWeekendBetween(a: Day, b: Day, worked: ReadonlySet<Day>): boolean {
  for (let day = addDays(a, 1); day < b; day = addDays(day, 1)) {
    if (!isWeekend(day) || worked.has(day)) return false;
  }
  return true;
}

const formatShort = (day: Day, year: number) => (yearOf(day) === year ? formatDayMonth(day) : formatDay(day));

function formatRange(first: Day, last: Day, year: number): string {
  if (first === last) return formatShort(first, year);
  const sameYear = yearOf(first) === year && yearOf(last) === year;
  if (sameYear && first.slice(0, 7) === last.slice(0, 7)) return `${first.slice(8, 10)}–${formatDayMonth(last)}`;
  return sameYear ? `${formatDayMonth(first)}–${formatDayMonth(last)}` : `${formatDay(first)}–${formatDay(last)}`;
}
