export * from './analyzed-event.fixture';
export * from './article-lifecycle.fixture';
export * from './in-memory-projection';
export * from './projection-spec';
export * from './read-model-scenarios';
export * from './analyzed-events';
export * from './generated-feeds';
export * from './text-query-arbitrary';
