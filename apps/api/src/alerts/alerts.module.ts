import { AlertRedelivery } from '@chronicle/persistence';
import { Module } from '@nestjs/common';
import { dataSourceProvider } from '../common/data-source-provider';
import { AlertReadRepository } from './alert-read.repository';
import { AlertsController } from './alerts.controller';

@Module({
  controllers: [AlertsController],
  providers: [dataSourceProvider(AlertReadRepository), dataSourceProvider(AlertRedelivery)],
})
export class AlertsModule {}
