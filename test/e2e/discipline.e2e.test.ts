import type { Platform } from '@congdoan/local';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeMember, upperWithTwoCdcs } from '../support/org-world.ts';
import { client, sharedPlatform, tokenFor } from '../support/platform.ts';

/**
 * Discipline through the HTTP API on the shared platform: the upper level's UBKT expels a member
 * of a CĐCS and removes another from office; after the bus delivers `DisciplineDecided`,
 * membership has exited the first (reason `expelled`) and ended the second's appointment
 * (reason `dismissed`). A revocation is announced and leaves the exit as it is.
 */
let platform: Platform;
let admin: ReturnType<typeof client>;
let units: { upper: string; a: string; b: string };
let seq = 0;

beforeAll(async () => {
  platform = await sharedPlatform();
  admin = client(platform, await tokenFor(platform, ['admin']));
  units = await upperWithTwoCdcs(admin, ['CĐCS Trường C', 'CĐCS Trường D'], '2401');
});

const decision = (memberId: string, form: string, n: number) => ({
  subject: { kind: 'member', memberId },
  form,
  decision: { number: `${n}/QĐ-UBKT`, date: '2026-03-09' },
  issuerUnitId: units.upper,
  grounds: 'Vi phạm Điều lệ Công đoàn',
  basis: null,
});

describe('discipline through the API', () => {
  it('reaches membership: an expulsion exits the member, a removal from office ends the appointment', async () => {
    const expelled = await activeMember(admin, units.a, 'Phạm Văn Luật');
    const removed = await activeMember(admin, units.a, 'Phạm Văn Luật');
    const term = await admin.post(`/v1/membership/units/${units.a}/terms`, {
      congressDate: '2023-05-10',
      startDate: '2023-05-10',
      endDate: '2028-05-10',
    });
    expect(term.status, JSON.stringify(term.body)).toBe(201);
    const office = await admin.post(`/v1/membership/terms/${term.body.id}/appointments`, {
      memberId: removed,
      position: 'vice-chair',
      from: '2023-05-10',
      decisionNumber: `${++seq}/QĐ-CĐVC`,
    });
    expect(office.status, JSON.stringify(office.body)).toBe(201);
    // The member directory in inspection learns of the members over the bus.
    await platform.drain();

    const ubkt = client(platform, await tokenFor(platform, ['inspector'], units.upper));
    const expulsion = await ubkt.post('/v1/inspection/discipline', decision(expelled, 'expulsion', 1), {
      'idempotency-key': `dsc-${expelled}`,
    });
    expect(expulsion.status, JSON.stringify(expulsion.body)).toBe(201);
    expect(expulsion.body).toMatchObject({ status: 'in-force', lapsesOn: null, subject: { unitId: units.a } });
    const removal = await ubkt.post('/v1/inspection/discipline', decision(removed, 'removal-from-office', 2));
    expect(removal.status, JSON.stringify(removal.body)).toBe(201);
    expect(removal.body.lapsesOn).toBe('2027-03-09');

    // Another CĐCS's inspector sees neither; the unit's list shows both.
    const stranger = client(platform, await tokenFor(platform, ['inspector'], units.b));
    expect((await stranger.get(`/v1/inspection/discipline/${expulsion.body.id}`)).status).toBe(404);
    const listed = await ubkt.get(`/v1/inspection/units/${units.a}/discipline`);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual(
      expect.arrayContaining([expulsion.body.id, removal.body.id]),
    );

    await platform.drain();
    const member = await admin.get(`/v1/membership/members/${expelled}`);
    expect(member.body).toMatchObject({ status: 'exited', exit: { date: '2026-03-09', reason: 'expelled' } });
    const appointment = await admin.get(`/v1/membership/appointments/${office.body.id}`);
    expect(appointment.body.end).toMatchObject({
      date: '2026-03-09',
      reason: 'dismissed',
      decisionNumber: '2/QĐ-UBKT',
    });
    expect((await admin.get(`/v1/membership/members/${removed}`)).body.status).toBe('active');

    // Revoked: announced, and the exit stays (re-admission is membership's own decision).
    const revoke = await ubkt.post(
      `/v1/inspection/discipline/${expulsion.body.id}/revoke`,
      { decision: { number: '3/QĐ-UBKT', date: '2026-03-10' }, reason: 'Khiếu nại được chấp nhận' },
      { 'if-match': expulsion.headers.get('etag')! },
    );
    expect(revoke.status, JSON.stringify(revoke.body)).toBe(200);
    expect(revoke.body.status).toBe('revoked');
    await platform.drain();
    expect((await admin.get(`/v1/membership/members/${expelled}`)).body.status).toBe('exited');
  });
});
