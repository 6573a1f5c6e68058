export * from './health.controller';
export * from './metrics.registry';
export * from './metrics.controller';
export * from './platform.module';
export * from './service-bootstrap';
export * from './zod-validation.pipe';
