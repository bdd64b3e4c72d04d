import { dbFromEnv } from '@congdoan/ddb';
import { createHttpHandler } from '@congdoan/http-kit';
import { routes } from '../manifest.ts';
import { metrics } from '../metrics.ts';
import { blocHandlers } from './http/blocs.ts';
import { catalogueHandlers } from './http/catalogue.ts';
import { honourHandlers } from './http/honours.ts';
import { initiativeHandlers } from './http/initiatives.ts';
import { memberHandlers } from './http/members.ts';
import { movementHandlers } from './http/movements.ts';
import { nominationHandlers } from './http/nominations.ts';
import { policyHandlers } from './http/policy.ts';
import { ratingHandlers } from './http/ratings.ts';

/** The emulation service's one HTTP function; each area's handlers live in `./http/`. */
export const handler = createHttpHandler({
  service: 'emulation',
  routes,
  metrics,
  db: () => dbFromEnv('emulation'),
  handlers: {
    ...memberHandlers,
    ...catalogueHandlers,
    ...movementHandlers,
    ...nominationHandlers,
    ...initiativeHandlers,
    ...ratingHandlers,
    ...honourHandlers,
    ...policyHandlers,
    ...blocHandlers,
  },
});
