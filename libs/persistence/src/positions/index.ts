export * from './position-log-mismatch.error';
export * from './stored-positions';
