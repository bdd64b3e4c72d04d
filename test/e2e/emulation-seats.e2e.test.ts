import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMember, upperWithTwoCdcs } from '../support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../support/platform.ts';

/**
 * A capped title's seats given by the council's votes through the HTTP API: two members of a
 * CĐCS proposed for Lao động tiên tiến, received by the upper level and approved by its council
 * with as many yes votes, one seat left: the allocation seats the woman (NĐ 152/2025 Art. 4),
 * the man's decision is then refused (409 `not-seated`), the woman's decided, and a second
 * allocation refused (409 `allocation-exists`).
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Trường Xuân', 'CĐCS Trường Hạ'], '2947');
});

const YEAR = new Date().getUTCFullYear() - 1;

describe('allocating seats by the council’s votes through the API', () => {
  it('seats the woman on a tie for the last seat; only the seated is decided', async () => {
    const woman = await activeMember(admin, units.a, 'Nguyễn Thị Bằng Phiếu', 'female');
    const man = await activeMember(admin, units.a, 'Lê Văn Bằng Phiếu', 'male');
    await platform.drain(); // emulation's member directory
    const officer = client(platform, await tokenFor(platform, ['officer'], units.a));
    const desk = client(platform, await tokenFor(platform, ['emulation-officer'], units.upper));
    const approved: string[] = [];
    let today = '';
    for (const memberId of [man, woman]) {
      const proposed = await officer.post(
        '/v1/emulation/nominations',
        {
          proposingUnitId: units.a,
          titleCode: 'lao-dong-tien-tien',
          year: YEAR,
          candidate: { kind: 'member', memberId },
          absence: { otherWorkingDays: 0, maternityWorkingDays: 0 },
          achievements: 'Hoàn thành tốt nhiệm vụ',
        },
        { 'idempotency-key': `seat-${memberId}` },
      );
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
      const id = proposed.body.id as string;
      today = (proposed.body.createdAt as string).slice(0, 10);
      const received = await desk.post(`/v1/emulation/nominations/${id}/receipt`, {
        decidingUnitId: units.upper,
        on: today,
      });
      expect(received.body, JSON.stringify(received.body)).toMatchObject({ status: 'received' });
      const voted = await desk.post(`/v1/emulation/nominations/${id}/council`, {
        members: 9,
        present: 9,
        yes: 7,
        on: today,
      });
      expect(voted.body, JSON.stringify(voted.body)).toMatchObject({ status: 'approved' });
      approved.push(id);
    }
    const [manNomination, womanNomination] = approved as [string, string];
    const quota = await desk.put(`/v1/emulation/units/${units.upper}/quotas/${YEAR}`, {
      quotas: [{ titleCode: 'lao-dong-tien-tien', seats: 1 }],
    });
    expect(quota.status, JSON.stringify(quota.body)).toBe(200);

    const path = `/v1/emulation/units/${units.upper}/quotas/${YEAR}/lao-dong-tien-tien/allocation`;
    const body = { on: today, candidates: approved.map((nominationId) => ({ nominationId })) };
    // The proposing CĐCS cannot allocate its upper level's seats.
    expect((await officer.post(path, body)).status).toBe(404);
    const allocated = await desk.post(path, body);
    expect(allocated.status, JSON.stringify(allocated.body)).toBe(201);
    expect(allocated.body).toMatchObject({
      seatsLeft: 1,
      source: 'NĐ 152/2025/NĐ-CP Điều 4',
      outcomes: [
        { nominationId: womanNomination, yes: 7, womenFirst: true, outcome: 'seated' },
        { nominationId: manNomination, yes: 7, womenFirst: false, outcome: 'not-seated' },
      ],
    });
    const read = await desk.get(`/v1/emulation/nominations/${manNomination}`);
    expect(read.body.seat).toMatchObject({ allocationId: allocated.body.id, outcome: 'not-seated' });
    expect(read.body.seat.reason.vi).toContain('ưu tiên nữ');

    const decide = (id: string, headers?: Record<string, string>) =>
      desk.post(
        `/v1/emulation/nominations/${id}/decision`,
        { decidingUnitId: units.upper, decision: { number: '7/QĐ-CĐ', date: today } },
        headers,
      );
    const refused = await decide(manNomination, { 'accept-language': 'en' });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body).toMatchObject({ code: 'not-seated' });
    expect(refused.body.detail).toContain('were allocated by the votes');
    // The prize needs lương cơ sở as finance announces it (once: a second run announces nothing).
    await platform.scheduler.runNow('finance-policy-announcer');
    await platform.drain();
    const decided = await decide(womanNomination);
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.status).toBe('decided');

    const again = await desk.post(path, body);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'allocation-exists' });
    const quotas = await desk.get(`/v1/emulation/units/${units.upper}/quotas/${YEAR}`);
    expect(quotas.body.quotas).toMatchObject([
      { titleCode: 'lao-dong-tien-tien', seats: 1, used: 1, allocation: { id: allocated.body.id } },
    ]);
  });
});
