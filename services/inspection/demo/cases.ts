/**
 * The cases of inspection's demo (issue 10, item 7), received by Công đoàn Viên chức tỉnh's
 * committee through the HTTP API: a first-round complaint received just before Tết 2026 (its
 * 10-day acceptance limit runs across the holiday) and accepted after it, an anonymous report,
 * and a denunciation whose denouncer's identity is sealed. Demo people, not real ones. Each
 * intake carries an Idempotency-Key, so a run cut short runs again without doubling anything.
 */
import type { Case } from '@congdoan/contracts';

/** The demo denunciation's person: sealed at intake, and shown after it only through an assigned inspector's audited reveal. */
export const DEMO_DENOUNCER = {
  fullName: 'Trần Thị Tố (demo)',
  cccd: '024190000123',
  phone: '0900000002',
  address: 'Huyện Lạng Giang, Bắc Giang (demo)',
};

type Call = (method: 'GET' | 'POST', path: string, body?: unknown, extra?: Record<string, string>) => Promise<unknown>;

export async function seedCases(
  call: Call,
  handlingUnitId: string,
  subjectUnitId: string,
  log: (line: string) => void,
): Promise<Record<string, string>> {
  const receive = async (key: string, body: Record<string, unknown>) => {
    const made = (await call(
      'POST',
      '/v1/inspection/cases',
      { handlingUnitId, channel: 'post', subject: { kind: 'unit', unitId: subjectUnitId }, ...body },
      { 'idempotency-key': key },
    )) as Case;
    // A replayed intake answers as it first did: read the case as it is now.
    return (await call('GET', `/v1/inspection/cases/${made.id}`)) as Case;
  };

  let complaint = await receive('seed-case-complaint-tet-2026', {
    class: 'complaint-first',
    receivedOn: '2026-02-09',
    knewOn: '2026-01-26',
    person: { fullName: 'Nguyễn Văn Khiếu (demo)', phone: '0900000001', address: 'Thành phố Bắc Giang (demo)' },
    content:
      'Khiếu nại quyết định của Ban Chấp hành công đoàn cơ sở không xét chi hỗ trợ khó khăn dịp Tết cho đoàn viên.',
  });
  if (complaint.stage === 'received') {
    complaint = (await call('POST', `/v1/inspection/cases/${complaint.id}/accept`, { date: '2026-02-23' })) as Case;
  }
  const report = await receive('seed-case-anonymous-2026', {
    class: 'anonymous-report',
    receivedOn: '2026-03-16',
    content: 'Thư không ký tên phản ánh việc thu quỹ xã hội ngoài quy định tại công đoàn cơ sở.',
  });
  const denunciation = await receive('seed-case-denunciation-2026', {
    class: 'denunciation',
    receivedOn: '2026-02-12',
    complexity: 'complex',
    person: DEMO_DENOUNCER,
    content: 'Tố cáo việc sử dụng kinh phí công đoàn chi sai mục đích tại công đoàn cơ sở.',
  });
  const acceptance = complaint.deadlines.find((d) => d.kind === 'complaint-acceptance');
  log(
    `inspection: 3 cases of CDVC-BG; the complaint's acceptance ${acceptance?.explanation.vi ?? '(none)'}; the denouncer's identity sealed`,
  );
  return {
    'inspection-case-complaint': complaint.id,
    'inspection-case-anonymous-report': report.id,
    'inspection-case-denunciation': denunciation.id,
  };
}
