export * from './projection-catalog';
export * from './shadow-schema';
export * from './actor-sentiment';
export * from './rebuild-requests.repository';
