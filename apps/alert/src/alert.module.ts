import { KafkaModule } from '@chronicle/kafka';
import { PersistenceModule } from '@chronicle/persistence';
import { PlatformModule } from '@chronicle/platform';
import { Module } from '@nestjs/common';
import { DeliveryModule } from './delivery/delivery.module';
import { AlertMatchingModule } from './matching/matching.module';

@Module({
  imports: [PlatformModule.forService('alert'), PersistenceModule, KafkaModule, AlertMatchingModule, DeliveryModule],
})
export class AlertModule {}
