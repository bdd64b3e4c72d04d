import type { ImplementationFn } from './route.ts';
import type { AnyRoute, RouteHandlers } from './types.ts';

/**
 * The implementations of `routes`, loaded on the first request to one of them, so that a cold
 * start loads only the areas its requests use: `load` is an `import()` of the area's handlers
 * module, which a Lambda bundle holds as a chunk of its own (scripts/bundle.ts). The router,
 * the route definitions and their validation stay eager; a failed load is tried again on the
 * next request.
 *
 *   handlers: { ...unitHandlers, ...lazyHandlers(importRoutes, async () => (await import('./http/import.ts')).importHandlers) }
 */
export function lazyHandlers<const Routes extends readonly AnyRoute[]>(
  routes: Routes,
  load: () => Promise<RouteHandlers<Routes>>,
): RouteHandlers<Routes> {
  let loading: Promise<Record<string, ImplementationFn | undefined>> | undefined;
  const area = () => {
    loading ??= load().then(
      (handlers) => handlers as unknown as Record<string, ImplementationFn | undefined>,
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const handlers: Record<string, ImplementationFn> = {};
  for (const { operationId } of routes) {
    handlers[operationId] = async (request) => {
      const implementation = (await area())[operationId];
      if (!implementation) throw new Error(`the lazily loaded handlers have none for route ${operationId}`);
      return implementation(request);
    };
  }
  return handlers as unknown as RouteHandlers<Routes>;
}
