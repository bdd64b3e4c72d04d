import { expect } from 'vitest';
import { agency, type client, uniqueCode } from '../../../../test/support/platform.ts';

type Client = ReturnType<typeof client>;

/** Makes a unit through membership's API; its id. */
export async function createUnit(admin: Client, body: Record<string, unknown>): Promise<string> {
  const res = await admin.post('/v1/membership/units', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** A province, its upper level and the CĐCS LHH KH&KT (partly budget-funded), made through membership's API. */
export async function bacGiangUnits(admin: Client): Promise<{ province: string; upper: string; cdcs: string }> {
  const province = await createUnit(admin, { code: uniqueCode('BG'), name: 'LĐLĐ tỉnh Bắc Giang', level: 'province' });
  const upper = await createUnit(admin, {
    code: uniqueCode('CDVC'),
    name: 'CĐ Viên chức',
    level: 'upper',
    parentId: province,
  });
  const cdcs = await createUnit(admin, {
    code: uniqueCode('LHH'),
    name: 'CĐCS Liên hiệp các Hội KH&KT',
    level: 'grassroots',
    parentId: upper,
    agency: agency('2400312468'),
  });
  return { province, upper, cdcs };
}

/** A member applied for and admitted through membership's API (If-Match the application's ETag); their id. */
export async function admitMember(
  admin: Client,
  unitId: string,
  applicant: Record<string, unknown>,
  decision: { decisionNumber: string; decisionDate: string },
): Promise<string> {
  const applied = await admin.post(`/v1/membership/units/${unitId}/members`, applicant);
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  const admitted = await admin.post(`/v1/membership/members/${applied.body.id}/admit`, decision, {
    'if-match': applied.headers.get('etag')!,
  });
  expect(admitted.status, JSON.stringify(admitted.body)).toBe(200);
  return applied.body.id as string;
}
