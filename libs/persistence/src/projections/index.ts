export * from './projection-catalog';
export * from './shadow-schema';
export * from './rebuild-requests.repository';
export * from './projection-versions.repository';
