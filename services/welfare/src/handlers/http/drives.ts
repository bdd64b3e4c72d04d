import type { RouteHandlers } from '@congdoan/http-kit';
import { createDrive, driveProgress, pledge, receiveAgainstPledge } from '../../app/drives.ts';
import type { driveRoutes } from '../../drive-routes.ts';
import { welfareDeps } from '../deps.ts';
import { caller } from './caller.ts';

export const driveHandlers: RouteHandlers<typeof driveRoutes> = {
  createWelfareDrive: async (req) => {
    const drive = await createDrive(welfareDeps(), caller(req), req.params.id, req.body);
    return {
      status: 201,
      body: drive,
      headers: { location: `/v1/welfare/drives/${encodeURIComponent(drive.id)}/progress` },
    };
  },
  pledgeToWelfareDrive: async (req) => ({
    status: 201,
    body: await pledge(welfareDeps(), caller(req), req.params.id, req.body),
  }),
  receiveForWelfareDrive: async (req) => ({
    status: 201,
    body: await receiveAgainstPledge(welfareDeps(), caller(req), req.params.id, req.body),
  }),
  getWelfareDriveProgress: async (req) => ({
    status: 200,
    body: await driveProgress(welfareDeps(), req.auth, req.params.id),
  }),
};
