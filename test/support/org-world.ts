import type { OfficerPosition } from '@congdoan/contracts';
import { expect } from 'vitest';
import { person } from '../../services/membership/test/support/members.ts';
import { agency, type client, uniqueCode } from './platform.ts';

type Client = ReturnType<typeof client>;

/** The id of what a POST created, after checking it answered 201. */
export async function created(res: Promise<{ status: number; body: { id: string } }>): Promise<string> {
  const { status, body } = await res;
  expect(status, JSON.stringify(body)).toBe(201);
  return body.id;
}

let seq = 0;

/** A member applied for and admitted in `unitId` (2020), through membership's API (a woman unless `gender` says). */
export async function activeMember(
  admin: Client,
  unitId: string,
  fullName: string,
  gender?: 'male' | 'female',
): Promise<string> {
  const n = ++seq;
  const applied = await admin.post(`/v1/membership/units/${unitId}/members`, {
    ...person({ fullName: `${fullName} ${n}`, ...(gender ? { gender } : {}) }),
    applicationDate: '2020-01-05',
  });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  const admitted = await admin.post(
    `/v1/membership/members/${applied.body.id}/admit`,
    { decisionNumber: `${n}/QĐ-CĐCS`, decisionDate: '2020-02-01' },
    { 'if-match': applied.headers.get('etag')! },
  );
  expect(admitted.status, JSON.stringify(admitted.body)).toBe(200);
  return applied.body.id;
}

/**
 * A province, its upper level and two CĐCS under it, each with its employing agency (tax IDs
 * `<taxPrefix><time><n>`, unique per file by the prefix): the tree inspection's e2e files work in.
 */
export async function upperWithTwoCdcs(
  admin: Client,
  names: [string, string],
  taxPrefix: string,
): Promise<{ upper: string; a: string; b: string }> {
  const province = await created(
    admin.post('/v1/membership/units', { code: uniqueCode('BG'), name: 'LĐLĐ tỉnh', level: 'province' }),
  );
  const upper = await created(
    admin.post('/v1/membership/units', {
      code: uniqueCode('CDVC'),
      name: 'Công đoàn Viên chức',
      level: 'upper',
      parentId: province,
    }),
  );
  const cdcs = (name: string, n: number) =>
    created(
      admin.post('/v1/membership/units', {
        code: uniqueCode('CDCS'),
        name,
        level: 'grassroots',
        parentId: upper,
        agency: agency(`${taxPrefix}${String(Date.now()).slice(-5)}${n}`),
      }),
    );
  return { upper, a: await cdcs(names[0], 1), b: await cdcs(names[1], 2) };
}

/**
 * A UBKT seat through membership's API: a 2023–2028 term of `unitId`'s committee and `memberId`
 * appointed inspection member from its first day. The appointment as answered (201), with its ETag.
 */
export const ubktSeat = (admin: Client, unitId: string, memberId: string) =>
  appointed(admin, unitId, memberId, 'inspection-member');

/** An office through membership's API: a 2023–2028 term of `unitId`'s committee and `memberId` in `position` from its first day (201). */
export async function appointed(admin: Client, unitId: string, memberId: string, position: OfficerPosition) {
  const n = ++seq;
  const term = await admin.post(`/v1/membership/units/${unitId}/terms`, {
    congressDate: '2023-05-10',
    startDate: '2023-05-10',
    endDate: '2028-05-10',
  });
  expect(term.status, JSON.stringify(term.body)).toBe(201);
  const seat = await admin.post(`/v1/membership/terms/${term.body.id}/appointments`, {
    memberId,
    position,
    from: '2023-05-10',
    decisionNumber: `${n}/QĐ-UBKT`,
  });
  expect(seat.status, JSON.stringify(seat.body)).toBe(201);
  return seat;
}
