export * from './handler.ts';
export * from './history.ts';
export * from './manifest.ts';
export * from './record.ts';
export * from './scope.ts';
export * from './store.ts';
