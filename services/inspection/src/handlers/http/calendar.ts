import type { RouteHandlers } from '@congdoan/http-kit';
import { addNotice, countWorkingDays, listNotices } from '../../app/calendar.ts';
import type { calendarRoutes } from '../../calendar-routes.ts';
import { calendarNotices } from '../deps.ts';
import { caller } from './caller.ts';

export const calendarHandlers: RouteHandlers<typeof calendarRoutes> = {
  countWorkingDays: async (req) => ({
    status: 200,
    body: await countWorkingDays(calendarNotices(), req.query, req.lang),
    headers: { 'content-language': req.lang },
  }),
  listCalendarNotices: async (req) => ({ status: 200, body: await listNotices(calendarNotices(), req.query.year) }),
  addCalendarNotice: async (req) => {
    const saved = await addNotice(calendarNotices(), caller(req), req.body);
    return { status: saved.replaced ? 200 : 201, body: saved.view };
  },
};
