export * from './age.ts';
export * from './cccd.ts';
export * from './lifecycle.ts';
export * from './member.ts';
export * from './names.ts';
export * from './stats.ts';
