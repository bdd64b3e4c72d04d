/**
 * Keys of the member change feed (app/integration/feed.ts). One partition per
 * UTC month keeps partitions bounded and lets a reader walk forward month by
 * month; the sort key orders entries by the writer's timestamp and stays unique
 * when two saves share a millisecond (member id, then the zero-padded version).
 */
export const changeMonthKey = (month: string) => ({ pk: `CHANGES#${month}` });

export function changeKey(at: string, memberId: string, version: number) {
  return { ...changeMonthKey(at.slice(0, 7)), sk: `${at}#${memberId}#${String(version).padStart(10, '0')}` };
}
