/** Committee routes of the membership service (see manifest.ts). */
export const committeeRoutes = [] as const;
