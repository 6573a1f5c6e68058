export * from './analyzed-event.fixture';
