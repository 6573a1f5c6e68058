export * from './projection-catalog';
export * from './shadow-schema';
