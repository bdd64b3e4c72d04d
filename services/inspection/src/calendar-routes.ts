import {
  calendarNoticeBody,
  calendarNoticeList,
  calendarNoticeQuery,
  calendarNoticeView,
  defineRoute,
  MAX_WORKING_DAYS,
  workingDaysQuery,
  workingDaysResult,
} from '@congdoan/contracts';
import { common, problem, READERS } from './route-parts.ts';

/** The working-day calendar: counts with their explanation, and the yearly days-off notices. */
export const calendarRoutes = [
  defineRoute({
    operationId: 'countWorkingDays',
    method: 'GET',
    path: '/v1/inspection/calendar/working-days',
    summary: 'The nth working day after (or before) a day, explained',
    description: `Day 1 is the day after \`from\` (Civil Code 2015, Art. 147); a negative \`days\` counts back, as the congress cut-off does. Weekends, the public holidays (Tết and Giỗ Tổ from the lunar calendar) and the days off of the yearly notices are skipped; weekend days a notice makes working days count. \`days\` is 1 to ${MAX_WORKING_DAYS} either way. The explanation is in Vietnamese, or English with \`Accept-Language: en\`, and flags a year crossed with no notice recorded.`,
    roles: READERS,
    request: { query: workingDaysQuery },
    responses: { 200: { description: 'The day, with how it was counted', schema: workingDaysResult }, ...common },
  }),
  defineRoute({
    operationId: 'listCalendarNotices',
    method: 'GET',
    path: '/v1/inspection/calendar/notices',
    summary: 'The yearly days-off notices in force, of one year or all',
    description:
      'The shipped notices (`origin: seed`) and those an administrator recorded (`origin: added`), a recorded notice replacing a shipped one with its id.',
    roles: READERS,
    request: { query: calendarNoticeQuery },
    responses: { 200: { description: 'The notices', schema: calendarNoticeList }, ...common },
  }),
  defineRoute({
    operationId: 'addCalendarNotice',
    method: 'POST',
    path: '/v1/inspection/calendar/notices',
    summary: 'Record a yearly days-off notice (or replace one by its id)',
    description:
      'An announcement for public employees: days off (a substitute day, the second National Day day, Tết as announced) and weekend days worked in a swap. A day belongs to one notice: listing a day another notice holds is a 409 naming it; correct that notice by saving it again under its id. Only an administrator of the whole tree may record one; it is audited. Other Lambda instances count with it within a minute.',
    roles: ['admin'],
    request: { body: calendarNoticeBody },
    responses: {
      200: { description: 'The notice, replacing the one with its id', schema: calendarNoticeView },
      201: { description: 'The notice, recorded', schema: calendarNoticeView },
      ...common,
      409: problem('A day of the notice belongs to another notice in force: each such day is listed'),
      422: problem('A day is not in the notice’s year, is listed twice, or would change nothing'),
    },
  }),
] as const;
