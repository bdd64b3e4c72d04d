/**
 * Manifests of the size the platform must hold: five services of 60 routes, 10
 * subscriptions (3 of them queued) and 3 schedules each, with route scopes of their own
 * and business metrics. Names are as long as real ones, so templates and policies
 * weigh what real ones would.
 */
import { type Role, type RouteDefinition, SERVICES, type ServiceManifest, serviceTable } from '@congdoan/contracts';
import { pascal } from '../lib/names.ts';

export const SHAPE = { services: 5, routes: 60, subscriptions: 10, queued: 3, schedules: 3, metrics: 5 } as const;

const AREAS = [
  'members',
  'units',
  'committees',
  'inspections',
  'complaints',
  'campaigns',
  'awards',
  'benefits',
  'hardships',
  'reports',
] as const;

function routes(service: string): RouteDefinition[] {
  const out: RouteDefinition[] = [];
  AREAS.forEach((area, i) => {
    // Half the areas name scopes of their own (`inspection.complaints.write`), half use the defaults.
    const own = i < AREAS.length / 2;
    const scopes = (kind: 'read' | 'write') => (own ? { scopes: [`${service}.${area}.${kind}`] } : {});
    // Provincial systems read everything (their client asks for `role:integration`).
    const readers: Role[] = ['admin', 'officer', 'inspector', 'member', 'integration'];
    const writers: Role[] = i % 3 === 0 ? ['admin', 'officer', 'accountant'] : ['admin', 'officer'];
    const base = `/v1/${service}/${area}`;
    const route = (
      method: RouteDefinition['method'],
      path: string,
      verb: string,
      roles: Role[],
      kind: 'read' | 'write',
    ): RouteDefinition => ({
      operationId: `${service}${pascal(verb)}${pascal(area)}`,
      method,
      path,
      summary: `${verb} ${area} of ${service} (synthetic)`,
      roles,
      ...scopes(kind),
      responses: { 200: { description: 'OK' } },
    });
    out.push(
      route('GET', base, 'list', readers, 'read'),
      route('POST', base, 'create', writers, 'write'),
      route('GET', `${base}/{id}`, 'read', readers, 'read'),
      route('PATCH', `${base}/{id}`, 'update', writers, 'write'),
      route('DELETE', `${base}/{id}`, 'close', writers, 'write'),
      route('POST', `${base}/{id}/decisions/{decisionId}/appeals`, 'appeal', writers, 'write'),
    );
  });
  return out;
}

export function syntheticManifest(service: ServiceManifest['service']): ServiceManifest {
  const others = SERVICES.filter((s) => s !== service);
  return {
    service,
    table: serviceTable(service),
    http: { file: 'http', export: 'handler' },
    routes: routes(service),
    subscriptions: AREAS.slice(0, SHAPE.subscriptions).map((area, i) => ({
      name: `${area}-projection`,
      description: `Projects ${others[i % others.length]} events into ${area} (synthetic)`,
      pattern: {
        source: [`congdoan.${others[i % others.length]}`],
        'detail-type': ['MemberAdmitted', 'MemberTransferred', 'UnitDissolved'],
      },
      handler: { file: 'events', export: `on${pascal(area)}` },
      ...(i < SHAPE.queued && { queue: { batchSize: 10, maxConcurrency: 5 } }),
    })),
    schedules: AREAS.slice(0, SHAPE.schedules).map((area) => ({
      name: `${area}-nightly-check`,
      description: `Checks ${area} every night (synthetic)`,
      cron: 'cron(0 2 * * ? *)',
      timezone: 'Asia/Ho_Chi_Minh' as const,
      handler: { file: 'schedules', export: `check${pascal(area)}` },
      input: { scope: area },
    })),
    publishes: AREAS.map((area) => `${pascal(area)}Changed`),
    metrics: AREAS.slice(0, SHAPE.metrics).map((area) => ({
      name: `${pascal(area)}Recorded`,
      description: `${area} recorded`,
      unit: 'Count' as const,
      countsEvent: `${pascal(area)}Changed`,
    })),
  };
}

/** The five services, each at the full size. */
export function fiveSyntheticServices(): ServiceManifest[] {
  return SERVICES.map(syntheticManifest);
}
