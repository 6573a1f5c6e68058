// Entry point for the TypeORM CLI (`npm run migration:generate`).
import { loadConfig } from '@chronicle/config';
import { createDataSource } from './data-source.factory';

export default createDataSource(loadConfig().database.url);
