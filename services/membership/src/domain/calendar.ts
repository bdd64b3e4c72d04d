/** Vietnam keeps UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The calendar day in Vietnam at an instant: "today" for a union officer, and the day a change is recorded on. */
export const dayInVietnam = (instant: Date): string =>
  new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
