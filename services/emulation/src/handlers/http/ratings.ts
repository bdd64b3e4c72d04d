import type { RouteHandlers } from '@congdoan/http-kit';
import { approveRating, assessRating, getRating, reviewRating, submitRating } from '../../app/ratings.ts';
import type { ratingRoutes } from '../../rating-routes.ts';
import { emulationDeps } from '../deps.ts';
import { caller } from './caller.ts';

export const ratingHandlers: RouteHandlers<typeof ratingRoutes> = {
  assessRating: async (req) => ({
    status: 200,
    body: await assessRating(emulationDeps(), caller(req), req.params.id, req.params.year, req.body.scores),
  }),
  getRating: async (req) => ({
    status: 200,
    body: await getRating(emulationDeps(), req.auth, req.params.id, req.params.year),
  }),
  submitRating: async (req) => ({
    status: 200,
    body: await submitRating(emulationDeps(), caller(req), req.params.id, req.params.year, req.body.on),
  }),
  reviewRating: async (req) => ({
    status: 200,
    body: await reviewRating(emulationDeps(), caller(req), req.params.id, req.params.year, req.body),
  }),
  approveRating: async (req) => ({
    status: 200,
    body: await approveRating(emulationDeps(), caller(req), req.params.id, req.params.year, req.body.decision),
  }),
};
