import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { ProjectionMetrics } from './projection-metrics';
import { ProjectionStatusService } from './projection-status.service';

@Module({ controllers: [AdminController], providers: [ProjectionStatusService, ProjectionMetrics] })
export class AdminModule {}
