export * from './name-keys';
export * from './statement-cluster';
export * from './statement-identity';
export * from './analysis-projection';
export * from './article-projection';
export * from './alert-matching';
export * from './delivery-backoff';
