export * from './kafka-settings';
export * from './kafka-client.factory';
export * from './topic-provisioner';
export * from './event-publisher';
export * from './dead-letter.publisher';
export * from './kafka-batch.server';
export * from './kafka.module';
export * from './kafka-admin-probe';
