import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { useInlineGzipCodec } from './gzip-codec';
import { KafkaSettings } from './kafka-settings';

function nestLogCreator() {
  const logger = new Logger('kafkajs');
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...extra } = log;
      const line = `${message} ${JSON.stringify(extra)}`;
      if (level === logLevel.ERROR) logger.error(line);
      else if (level === logLevel.WARN) logger.warn(line);
      else logger.debug(line);
    };
}

/**
 * Creates the kafkajs client every adapter in this library shares, with small record batches gzipped inline (see
 * `gzipCodec`).
 */
export function createKafka(settings: KafkaSettings, clientSuffix = ''): Kafka {
  useInlineGzipCodec();
  return new Kafka({
    clientId: `${settings.clientId}${clientSuffix ? `-${clientSuffix}` : ''}`,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator(),
    // maxRetryTime set explicitly: kafkajs caps it at 1 s when NODE_ENV=test, shorter than the
    // ~9 s Kafka takes to move a dead broker's partitions.
    retry: { initialRetryTime: 200, retries: 10, maxRetryTime: 30_000 },
  });
}
