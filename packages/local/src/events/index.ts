export * from './bus.ts';
export * from './checkpoints.ts';
export * from './pattern.ts';
export * from './queue.ts';
export * from './scheduler.ts';
export {
  type OutboxEntry,
  OutboxStreamPoller,
  type OutboxStreamPollerOptions,
  toOutboxEntry,
} from './stream-poller.ts';
