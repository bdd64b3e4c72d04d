/** Events of member import jobs (membership). */
export const IMPORT_EVENTS = [] as const;
