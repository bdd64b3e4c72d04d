/** Statistics routes of the membership service (see manifest.ts). */
export const statisticsRoutes = [] as const;
