import { describe, expectTypeOf, it } from 'vitest';
import type { AuthContext } from '../src/index.ts';
import { createHttpHandler, type RouteHandlers } from '../src/index.ts';
import { routes } from './app.ts';

describe('handler typing (checked by tsc)', () => {
  it('types each implementation from its route’s schemas', () => {
    type Handlers = RouteHandlers<typeof routes>;
    type CreateReq = Parameters<Handlers['createWidget']>[0];
    expectTypeOf<CreateReq['body']>().toEqualTypeOf<{
      name: string;
      level: 'province' | 'grassroots';
      agency?: { name: string; taxId: string; fundingType: typeof fundingTypes } | undefined;
      tags?: string[] | undefined;
    }>();
    type ListReq = Parameters<Handlers['listWidgets']>[0];
    expectTypeOf<ListReq['query']>().toEqualTypeOf<{ limit: number; cursor?: string | undefined }>();
    type GetReq = Parameters<Handlers['getWidget']>[0];
    expectTypeOf<GetReq['params']>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<GetReq['auth']>().toEqualTypeOf<AuthContext>();
    expectTypeOf<GetReq['ifMatch']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<keyof Handlers>().toEqualTypeOf<
      'listWidgets' | 'createWidget' | 'getWidget' | 'updateWidget' | 'deleteWidget' | 'failWidget'
    >();
  });

  it('requires every operation and no other', () => {
    const handler = async () => ({ status: 204 });
    const check = () => {
      createHttpHandler({
        service: 'membership',
        routes,
        // @ts-expect-error deleteWidget and others are missing
        handlers: { listWidgets: handler },
      });
      createHttpHandler({
        service: 'membership',
        routes: [routes[0]],
        // @ts-expect-error no route named nope
        handlers: { listWidgets: handler, nope: handler },
      });
    };
    expectTypeOf(check).toBeFunction();
  });
});

declare const fundingTypes:
  | 'state-budget-full'
  | 'state-budget-partial'
  | 'self-funded'
  | 'state-owned-enterprise'
  | 'non-state';
