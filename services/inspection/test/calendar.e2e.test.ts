import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { client, sharedPlatform, tokenFor } from '../../../test/support/platform.ts';

/**
 * The working-day calendar through the HTTP API on the shared platform: counts across Tết 2026,
 * 30/4–1/5 with Giỗ Tổ's substitute day and 2/9 with its swap, in both languages; the notices,
 * and an administrator recording one. The notices recorded here are for 2031, a year no other
 * test counts through, since the platform's table is shared.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let inspector: ReturnType<typeof client>;

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  inspector = client(platform, await tokenFor(platform, ['inspector']));
});

const notice = (id: string, date: string) => ({
  id,
  year: 2031,
  source: 'Thông báo thử nghiệm',
  certainty: 'unsure',
  days: [{ date, status: 'off', name: { vi: 'Quốc khánh', en: 'National Day' } }],
});

describe('GET /v1/inspection/calendar/working-days', () => {
  it('counts across Tết 2026 and explains itself in Vietnamese', async () => {
    const res = await inspector.get('/v1/inspection/calendar/working-days?from=2026-02-12&days=7');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      date: '2026-03-02',
      kind: 'working',
      explanation: '7 ngày làm việc kể từ 12/02/2026 (nghỉ Tết 16–20/02) → 02/03/2026',
      unannouncedYears: [],
    });
    expect(res.body.skipped.map((d: { date: string }) => d.date)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
  });

  it('in English with Accept-Language: en, across 30/4–1/5 and Giỗ Tổ’s substitute Monday', async () => {
    const res = await inspector.get('/v1/inspection/calendar/working-days?from=2026-04-23&days=5', {
      'accept-language': 'en',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.date).toBe('2026-05-05');
    expect(res.body.explanation).toBe(
      "5 working days from 23/04/2026 (off: Hung Kings' Commemoration (substitute day) 27/04; Reunification Day and International Labour Day 30/04–01/05) → 05/05/2026",
    );
    expect(res.body.skipped[0]).toMatchObject({ date: '2026-04-27', certainty: 'likely' });
  });

  it('counts the Saturday worked before 2/9 2026, and counts back for a congress cut-off', async () => {
    const swap = await inspector.get('/v1/inspection/calendar/working-days?from=2026-08-20&days=10');
    expect(swap.body).toMatchObject({ date: '2026-09-07', worked: [{ date: '2026-08-22' }] });
    expect(swap.body.explanation).toContain('nghỉ Quốc khánh 31/08–02/09; làm bù thứ Bảy 22/08');
    const back = await inspector.get('/v1/inspection/calendar/working-days?from=2026-05-11&days=-25');
    expect(back.body).toMatchObject({ date: '2026-04-01', days: -25 });
  });

  it('refuses a count of 0 or beyond 365 and a day that is not one, as problem+json', async () => {
    for (const query of [
      'from=2026-02-12&days=0',
      'from=2026-02-12&days=366',
      'from=2026-02-30&days=5',
      'from=2026-02-12',
    ]) {
      const res = await inspector.get(`/v1/inspection/calendar/working-days?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.length, query).toBeGreaterThan(0);
    }
  });
});

describe('the calendar notices', () => {
  it('are listed by year, seed first', async () => {
    const res = await inspector.get('/v1/inspection/calendar/notices?year=2026');
    expect(res.status).toBe(200);
    expect(res.body.items.map((n: { id: string }) => n.id)).toEqual([
      '2026-tet',
      '2026-hung-kings',
      '2026-national-day',
    ]);
    expect(res.body.items[0].origin).toBe('seed');
    expect(res.body.announcedYears).toContain(2026);
  });

  it('are recorded by an administrator of the whole tree only', async () => {
    const member = client(platform, await tokenFor(platform, ['officer']));
    expect((await member.post('/v1/inspection/calendar/notices', notice('2031-officer', '2031-09-03'))).status).toBe(
      403,
    );
    expect(
      (await inspector.post('/v1/inspection/calendar/notices', notice('2031-inspector', '2031-09-03'))).status,
    ).toBe(403);
  });

  it('of two admins adding conflicting notices at once, one is recorded and the other answered 409 with the day', async () => {
    const [a, b] = await Promise.all([
      admin.post('/v1/inspection/calendar/notices', notice('2031-nd-a', '2031-09-01')),
      admin.post('/v1/inspection/calendar/notices', notice('2031-nd-b', '2031-09-01')),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'calendar-notice-conflict' });
    expect(refused.body.detail).toContain('2031-09-01');
    expect(refused.body.errors[0].message).toMatch(/^2031-09-01: 2031-nd-/);

    const after = await inspector.get('/v1/inspection/calendar/working-days?from=2031-08-29&days=1');
    // Friday 29/8 → Monday 1/9 off → Tuesday 2/9 is National Day → Wednesday 3/9.
    expect(after.body).toMatchObject({ date: '2031-09-03', unannouncedYears: [] });
  });

  it('answers 422 for a notice that breaks the rules, naming the day', async () => {
    const res = await admin.post('/v1/inspection/calendar/notices', notice('2031-weekend', '2031-09-06'), {
      'accept-language': 'en',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body).toMatchObject({ code: 'invalid-calendar-notice' });
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'days.0.date', message: '2031-09-06 is a weekend day: it is off already' }),
    ]);
  });
});
