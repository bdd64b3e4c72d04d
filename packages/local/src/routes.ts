/**
 * API Gateway HTTP API route selection for the manifests' routes: `{name}` matches one
 * segment, `{name+}` the rest of the path, and the most specific route wins
 * (more literal segments first), as API Gateway picks them.
 */
import type { HttpMethod, RouteDefinition, ServiceManifest } from '@congdoan/contracts';

type Segment = { kind: 'literal'; value: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

export interface CompiledRoute {
  manifest: ServiceManifest;
  route: RouteDefinition;
  /** `POST /v1/membership/units`, as `requestContext.routeKey` carries it. */
  routeKey: string;
  segments: Segment[];
  literals: number;
}

export type RouteMatch =
  | { kind: 'found'; route: CompiledRoute; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: HttpMethod[] }
  | { kind: 'not-found' };

export class RouteTable {
  readonly routes: readonly CompiledRoute[];

  constructor(manifests: readonly ServiceManifest[]) {
    const routes: CompiledRoute[] = [];
    const seen = new Map<string, string>();
    for (const manifest of manifests) {
      for (const route of manifest.routes) {
        const routeKey = `${route.method} ${route.path}`;
        const owner = seen.get(routeKey);
        if (owner) throw new Error(`route ${routeKey} is declared by both ${owner} and ${manifest.service}`);
        seen.set(routeKey, manifest.service);
        const segments = parsePath(route.path);
        routes.push({
          manifest,
          route,
          routeKey,
          segments,
          literals: segments.filter((s) => s.kind === 'literal').length,
        });
      }
    }
    // Most specific first: more literal segments, then no greedy segment, then longer.
    routes.sort(
      (a, b) =>
        b.literals - a.literals || Number(hasGreedy(a)) - Number(hasGreedy(b)) || b.segments.length - a.segments.length,
    );
    this.routes = routes;
  }

  match(method: string, rawPath: string): RouteMatch {
    const parts = rawPath.split('/').slice(1);
    const allowed = new Set<HttpMethod>();
    for (const route of this.routes) {
      const pathParameters = matchSegments(route.segments, parts);
      if (!pathParameters) continue;
      if (route.route.method === method) return { kind: 'found', route, pathParameters };
      allowed.add(route.route.method);
    }
    return allowed.size > 0 ? { kind: 'method-not-allowed', allowed: [...allowed] } : { kind: 'not-found' };
  }
}

function parsePath(path: string): Segment[] {
  if (!path.startsWith('/')) throw new Error(`route path must start with /: ${path}`);
  return path
    .split('/')
    .slice(1)
    .map((part, index, all): Segment => {
      const param = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(part);
      if (!param) return { kind: 'literal', value: part };
      if (param[2] === '+') {
        if (index !== all.length - 1) throw new Error(`a greedy {${param[1]}+} must be the last segment: ${path}`);
        return { kind: 'greedy', name: param[1]! };
      }
      return { kind: 'param', name: param[1]! };
    });
}

const hasGreedy = (route: CompiledRoute) => route.segments.some((s) => s.kind === 'greedy');

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      params[segment.name] = decode(rest.join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (part !== segment.value) return undefined;
    } else {
      if (part === '') return undefined;
      params[segment.name] = decode(part);
    }
  }
  return parts.length === segments.length ? params : undefined;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
