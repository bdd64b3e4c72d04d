export * from './appointment.ts';
export * from './holdings.ts';
export * from './periods.ts';
export * from './policy.ts';
export * from './positions.ts';
export * from './term.ts';
