export * from './chronicle-config';
export * from './config.schema';
export * from './config.module';
export * from './message-limits';
export * from './service-node-flags';
