import { defineManifest, serviceTable } from '@congdoan/contracts';
import { memberDirectory } from '@congdoan/member-directory/manifest';

/**
 * A service that is nothing but the member directory, mounted with its one manifest line:
 * it bears welfare's name (a service of SERVICES with a table) but none of welfare's code. The
 * mounting tests run it on the local platform and bundle its functions as CDK would.
 */
export const directoryOnlyManifest = defineManifest({
  service: 'welfare',
  table: serviceTable('welfare'),
  http: { file: 'http', export: 'handler' },
  routes: [],
  subscriptions: [...memberDirectory()],
  schedules: [],
  publishes: [],
});
