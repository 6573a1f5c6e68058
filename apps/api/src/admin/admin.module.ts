import { RebuildRequestsRepository } from '@chronicle/persistence';
import { Module } from '@nestjs/common';
import { dataSourceProvider } from '../common/data-source-provider';
import { AdminController } from './admin.controller';
import { ProjectionMetrics } from './projection-metrics';
import { ProjectionStatusService } from './projection-status.service';

@Module({
  controllers: [AdminController],
  providers: [ProjectionStatusService, ProjectionMetrics, dataSourceProvider(RebuildRequestsRepository)],
})
export class AdminModule {}
