/**
 * Every module of event definitions, one line each. The catalogue is derived from
 * what these modules export (`catalogue.ts`), so a new service's events module is
 * listed here once and nowhere else.
 */
export * from './committees.ts';
export * from './dissolutions.ts';
export * from './finance-dues.ts';
export * from './finance-ledger.ts';
export * from './finance-levy.ts';
export * from './finance-policy.ts';
export * from './finance-reconciliation.ts';
export * from './imports.ts';
export * from './inspection.ts';
export * from './jobs.ts';
export * from './membership.ts';
export * from './welfare.ts';
