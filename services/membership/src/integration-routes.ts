/** Integration routes of the membership service (see manifest.ts). */
export const integrationRoutes = [] as const;
