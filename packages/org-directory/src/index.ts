export * from './handler.ts';
export * from './manifest.ts';
export * from './projection.ts';
export * from './scope.ts';
