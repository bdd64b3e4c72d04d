import { randomUUID } from 'node:crypto';
import type { BusEvent, MemberState, Unit } from '@congdoan/contracts';

/** Bus events as membership publishes them, for the integration tests (built like unit-profiles.integration.test.ts). */
export function busEvent(detailType: string, data: unknown, occurredAt = '2025-07-01T03:00:00.000Z'): BusEvent {
  return {
    version: '0',
    id: randomUUID(),
    source: 'congdoan.membership',
    account: '000000000000',
    time: occurredAt,
    region: 'local',
    resources: [],
    'detail-type': detailType,
    detail: {
      metadata: {
        eventId: randomUUID(),
        eventVersion: 1,
        occurredAt,
        correlationId: randomUUID(),
        actor: { id: 'tester', roles: ['admin'], unitId: null },
      },
      data,
    },
  };
}

const at = '2025-01-01T00:00:00.000Z';

export function unit(overrides: Partial<Unit> = {}): Unit {
  return {
    id: randomUUID(),
    code: `U-${randomUUID().slice(0, 6).toUpperCase()}`,
    name: 'CĐCS Liên hiệp các Hội KH&KT tỉnh Bắc Giang',
    level: 'grassroots',
    parentId: null,
    agency: {
      name: 'Liên hiệp các Hội KH&KT tỉnh Bắc Giang',
      taxId: '2400312468',
      fundingType: 'state-budget-partial',
    },
    status: 'active',
    childCount: 0,
    memberCount: 0,
    dissolution: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/**
 * A member's lifecycle as a series of events, each carrying the whole member
 * state after the change with its version, as membership's lifecycle does.
 */
export function memberEvents(unitId: string, fullName: string, duesSalary: number, admittedOn: string) {
  let state: MemberState = {
    id: randomUUID(),
    unitId,
    status: 'active',
    fullName,
    gender: 'female',
    dateOfBirth: '1990-05-05',
    cccd: '024190123456',
    ethnicity: 'Kinh',
    phone: null,
    email: null,
    educationLevel: 'bachelor',
    professionalQualification: null,
    politicalTheoryLevel: 'none',
    employmentCategory: 'public-employee',
    jobTitle: null,
    partyMember: false,
    partyJoinDate: null,
    duesSalary,
    cardNumber: `${admittedOn.slice(0, 4)}000001`,
    joinDate: admittedOn,
    applicationDate: admittedOn,
    admission: { decisionNumber: '01/QĐ-CĐCS', decisionDate: admittedOn },
    suspension: null,
    exit: null,
    accountSubject: null,
    version: 2,
    createdAt: at,
    updatedAt: at,
  };
  const events: BusEvent[] = [busEvent('MemberAdmitted', { member: state }, `${admittedOn}T03:00:00.000Z`)];
  const next = (changes: Partial<MemberState>) => {
    state = { ...state, ...changes, version: state.version + 1 };
    return state;
  };
  const api = {
    get id() {
      return state.id;
    },
    get events() {
      return [...events];
    },
    salary(recordedAt: string, salary: number) {
      events.push(
        busEvent('MemberUpdated', { member: next({ duesSalary: salary }), changed: ['duesSalary'] }, recordedAt),
      );
      return api;
    },
    transfer(date: string, toUnitId: string) {
      const fromUnitId = state.unitId;
      events.push(
        busEvent(
          'MemberTransferred',
          { member: next({ unitId: toUnitId }), fromUnitId, toUnitId, date },
          `${date}T03:00:00.000Z`,
        ),
      );
      return api;
    },
    suspend(from: string) {
      events.push(
        busEvent(
          'MemberSuspended',
          { member: next({ status: 'suspended', suspension: { from, reason: 'nghỉ dài hạn' } }) },
          `${from}T03:00:00.000Z`,
        ),
      );
      return api;
    },
    reinstate(date: string) {
      events.push(
        busEvent(
          'MemberReinstated',
          { member: next({ status: 'active', suspension: null }), date },
          `${date}T03:00:00.000Z`,
        ),
      );
      return api;
    },
    exit(date: string) {
      events.push(
        busEvent(
          'MemberExited',
          { member: next({ status: 'exited', exit: { date, reason: 'retired', note: null } }) },
          `${date}T03:00:00.000Z`,
        ),
      );
      return api;
    },
    readmit(date: string, unitId: string) {
      events.push(
        busEvent(
          'MemberReadmitted',
          {
            member: next({
              status: 'active',
              unitId,
              exit: null,
              admission: { decisionNumber: '02/QĐ-CĐCS', decisionDate: date },
            }),
            date,
          },
          `${date}T03:00:00.000Z`,
        ),
      );
      return api;
    },
  };
  return api;
}
