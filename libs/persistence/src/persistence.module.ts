import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source.factory';

/** Provides an initialised TypeORM DataSource (no synchronize: the schema comes from migrations). */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [CHRONICLE_CONFIG],
      useFactory: (config: ChronicleConfig) => createDataSource(config.database.url, config.database.poolSize, config.database.schema).initialize(),
    },
  ],
  exports: [DataSource],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
