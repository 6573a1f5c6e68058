import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EventPublisher } from './event-publisher';
import { createKafka } from './kafka-client.factory';
import { KafkaSettings } from './kafka-settings';
import { ensureTopics } from './topic-provisioner';

/** Kafka settings from the validated configuration. */
export function kafkaSettingsFrom(config: ChronicleConfig): KafkaSettings {
  return config.kafka;
}

/** Provides a connected EventPublisher after making sure Chronicle's topics exist. */
@Global()
@Module({
  providers: [
    {
      provide: EventPublisher,
      inject: [CHRONICLE_CONFIG],
      useFactory: async (config: ChronicleConfig) => {
        const settings = kafkaSettingsFrom(config);
        const kafka = createKafka(settings, 'publisher');
        await ensureTopics(kafka, settings);
        const publisher = new EventPublisher(kafka, settings);
        await publisher.connect();
        return publisher;
      },
    },
  ],
  exports: [EventPublisher],
})
export class KafkaModule implements OnApplicationShutdown {
  constructor(@Inject(EventPublisher) private readonly publisher: EventPublisher) {}

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
  }
}
