import type { Platform } from '@congdoan/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestPlatform, tokenFor } from '../support/platform.ts';

/**
 * Inspection's demo cases as `npm start` seeds them (services/inspection/demo/cases.ts): the
 * complaint received just before Tết 2026, the anonymous report and the denunciation with its
 * denouncer sealed, all on Công đoàn Viên chức tỉnh's deadline board.
 */
let platform: Platform;
beforeAll(async () => {
  platform = await startTestPlatform({ seed: true });
}, 180_000);
afterAll(async () => {
  await platform?.stop();
});

describe('the demo cases', () => {
  it('are on the board of Công đoàn Viên chức tỉnh, the complaint’s deadlines counted across Tết, the denouncer withheld', async () => {
    const admin = client(platform, await tokenFor(platform, ['admin']));
    const roots = (await admin.get('/v1/membership/units')).body.items;
    const all = (await admin.get(`/v1/membership/units/${roots[0].id}/subtree?limit=200`)).body.items as {
      id: string;
      code: string;
    }[];
    const cdvc = all.find((u) => u.code === 'CDVC-BG')!.id;
    const board = await admin.get(`/v1/inspection/units/${cdvc}/deadlines?limit=50`);
    expect(board.status, JSON.stringify(board.body)).toBe(200);
    const kinds = board.body.items.map((e: { kind: string }) => e.kind).sort();
    expect(kinds).toEqual(['complaint-first-resolution', 'denunciation-initial-handling', 'denunciation-transfer']);
    const ids = [...new Set(board.body.items.map((e: { caseId: string }) => e.caseId))] as string[];
    const cases = await Promise.all(ids.map(async (id) => (await admin.get(`/v1/inspection/cases/${id}`)).body));
    const complaint = cases.find((c) => c.class === 'complaint-first');
    expect(complaint.deadlines[0]).toMatchObject({
      kind: 'complaint-acceptance',
      dueDate: '2026-02-19',
      status: 'met',
    });
    expect(complaint.deadlines[1]).toMatchObject({ kind: 'complaint-first-resolution', dueDate: '2026-03-25' });
    const denunciation = cases.find((c) => c.class === 'denunciation');
    expect(denunciation.person).toEqual({ withheld: true });
    expect(denunciation.deadlines[0].explanation.vi).toBe(
      '7 ngày làm việc kể từ 12/02/2026 (nghỉ Tết 16–20/02) → 02/03/2026 (Luật Tố cáo 2018, Điều 24)',
    );
    expect(JSON.stringify(cases)).not.toContain('Trần Thị Tố');
  });
});
