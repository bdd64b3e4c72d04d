/** Committee and officer events (membership). */
export const COMMITTEE_EVENTS = [] as const;
