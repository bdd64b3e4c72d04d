import {
  createDriveBody,
  createPledgeBody,
  defineRoute,
  driveIdParams,
  driveProgressSchema,
  driveReceiptBody,
  driveReceiptSchema,
  driveSchema,
  fundIdParams,
  pledgeSchema,
} from '@congdoan/contracts';
import { common, DESK, problem, READERS } from './route-parts.ts';

/** Fundraising drives (vận động ủng hộ) for a fund, with pledges and receipts (issue 12, item 2). */
export const driveRoutes = [
  defineRoute({
    operationId: 'createWelfareDrive',
    method: 'POST',
    path: '/v1/welfare/funds/{id}/drives',
    summary: 'Start a fundraising drive for a fund',
    description: 'Run by the fund’s unit, with a target and a period; units and members of its subtree pledge.',
    roles: DESK,
    idempotent: true,
    request: { params: fundIdParams, body: createDriveBody },
    responses: {
      201: { description: 'The drive', schema: driveSchema, headers: ['Location'] },
      ...common,
      404: problem('No such fund in the caller’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'pledgeToWelfareDrive',
    method: 'POST',
    path: '/v1/welfare/drives/{id}/pledges',
    summary: 'Record a unit’s or a member’s pledge to a drive',
    roles: DESK,
    idempotent: true,
    request: { params: driveIdParams, body: createPledgeBody },
    responses: {
      201: { description: 'The pledge', schema: pledgeSchema },
      ...common,
      404: problem('No such drive, unit or member in the caller’s subtree'),
      422: problem('Outside the drive’s period, or a pledger outside the drive’s subtree'),
    },
  }),
  defineRoute({
    operationId: 'receiveForWelfareDrive',
    method: 'POST',
    path: '/v1/welfare/drives/{id}/receipts',
    summary: 'Record money received against a pledge',
    description:
      'A receipt into the drive’s fund (posted by finance like any movement) and the pledge’s, the drive’s and the unit’s counters, in one transaction.',
    roles: DESK,
    idempotent: true,
    request: { params: driveIdParams, body: driveReceiptBody },
    responses: {
      201: { description: 'The fund’s movement and the pledge after it', schema: driveReceiptSchema },
      ...common,
      404: problem('No such drive or pledge in the caller’s subtree'),
      422: problem('A day before the drive starts'),
    },
  }),
  defineRoute({
    operationId: 'getWelfareDriveProgress',
    method: 'GET',
    path: '/v1/welfare/drives/{id}/progress',
    summary: 'A drive’s progress per unit of its subtree: pledged, received, and those that gave nothing',
    roles: READERS,
    request: { params: driveIdParams },
    responses: {
      200: { description: 'The progress', schema: driveProgressSchema },
      ...common,
      404: problem('No such drive in the caller’s subtree'),
    },
  }),
] as const;
