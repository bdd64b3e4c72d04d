import type { MetricDefinition } from '@congdoan/contracts';
import type { Observed } from '@congdoan/http-kit';

/** Emulation's business metrics (EMF, namespace `Congdoan`, dimension `service=emulation`). */
export const metrics = [] as const satisfies readonly MetricDefinition[];

/** What every emulation function says about itself to `observedHandler` and `createHttpHandler`. */
export const observed = { service: 'emulation', metrics } as const satisfies Observed;
