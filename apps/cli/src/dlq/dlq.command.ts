import { loadConfig } from '@chronicle/config';
import { repairDeadLetter, sanitizeText, TopicKey, TOPICS } from '@chronicle/contracts';
import { createKafka, DeadLetterRecord, EventPublisher, MessageTooLargeError, readDeadLetters } from '@chronicle/kafka';
import { Command } from 'commander';
import { randomUUID } from 'node:crypto';

const REDRIVE_GROUP = 'chronicle-dlq-redrive';

function sourceTopicKey(sourceTopic: string, prefix: string): TopicKey | null {
  const base = sourceTopic.startsWith(prefix) ? sourceTopic.slice(prefix.length) : sourceTopic;
  const entry = (Object.entries(TOPICS) as Array<[TopicKey, string]>).find(([, name]) => name === base);
  return entry ? entry[0] : null;
}

function describe(record: DeadLetterRecord): string {
  // Sanitised: a dead letter's bytes may hold terminal escape sequences.
  const preview = sanitizeText(record.value?.subarray(0, 1024).toString('utf8') ?? '')
    .replace(/\s+/g, ' ')
    .slice(0, 80);
  return `${record.partition}:${record.offset}  from ${record.sourceTopic}[${record.sourcePartition}]@${record.sourceOffset}  by ${record.consumer}\n    reason: ${record.reason}\n    value:  ${preview}`;
}

/** `chronicle dlq list|replay`: inspect dead-lettered messages and re-drive them once fixed. */
export function buildDlqCommand(): Command {
  const dlq = new Command('dlq').description('Inspect and re-drive messages on the dead-letter topic');

  dlq
    .command('list')
    .description('List every dead-lettered message with its reason and source position')
    .option('--json', 'one JSON object per line')
    .action(async (flags: { json?: boolean }) => {
      const config = loadConfig();
      const records = await readDeadLetters(createKafka(config.kafka, 'dlq-cli'), config.kafka);
      for (const record of records) {
        console.log(flags.json ? JSON.stringify({ ...record, value: record.value?.toString('utf8') ?? null }) : describe(record));
      }
      if (!flags.json) console.log(`${records.length} dead-lettered message(s).`);
    });

  dlq
    .command('replay')
    .description('Publish dead-lettered messages (not yet re-driven) back to their source topic, original bytes and headers')
    .option('--consumer <name>', 'only messages a given consumer dead-lettered (others are skipped, and stay skipped)')
    .option('--dry-run', 'show what would be re-driven without publishing or remembering it')
    .option(
      '--fix',
      'repair each message first: text and ids sanitised as ingest does, an unusable correlation id replaced; ' +
        'messages that cannot be repaired are reported and not sent',
    )
    .action(async (flags: { consumer?: string; dryRun?: boolean; fix?: boolean }) => {
      const config = loadConfig();
      const kafka = createKafka(config.kafka, 'dlq-cli');
      const publisher = new EventPublisher(kafka, config.kafka);
      if (!flags.dryRun) await publisher.connect();
      let redriven = 0;
      const notSent: string[] = [];
      try {
        const records = await readDeadLetters(kafka, config.kafka, {
          group: flags.dryRun ? undefined : `${config.kafka.groupPrefix}${REDRIVE_GROUP}`,
          onRecord: async (record) => {
            if (flags.consumer && !record.consumer.endsWith(flags.consumer)) return;
            const topic = sourceTopicKey(record.sourceTopic, config.kafka.topicPrefix);
            if (!topic)
              throw new Error(
                `dead letter ${record.partition}:${record.offset} names an unknown source topic ${record.sourceTopic}`,
              );
            const position = `${record.partition}:${record.offset}`;
            let message = { key: record.key, value: record.value ?? '', headers: record.headers };
            let repaired = '';
            if (flags.fix) {
              const repair = repairDeadLetter(record, randomUUID);
              if (!repair.repaired) {
                notSent.push(`${position}: cannot be repaired: ${repair.reason}`);
                return;
              }
              message = { key: repair.key, value: repair.value, headers: repair.headers };
              if (repair.changes.length > 0) repaired = ` (repaired: ${repair.changes.join(', ')})`;
            }
            if (!flags.dryRun) {
              try {
                await publisher.publishRaw(topic, [message]);
              } catch (error) {
                if (!(error instanceof MessageTooLargeError)) throw error;
                notSent.push(`${position}: ${error.message}`);
                return;
              }
            }
            redriven += 1;
            console.log(`${flags.dryRun ? 'would re-drive' : 're-drove'} ${position} -> ${record.sourceTopic}${repaired}`);
          },
        });
        console.log(`${redriven} of ${records.length} message(s) ${flags.dryRun ? 'would be' : ''} re-driven.`);
        if (notSent.length > 0) {
          // Still on the dead-letter topic (`dlq list` shows them); a replay does not offer them again.
          console.log(`${notSent.length} message(s) not sent:`);
          for (const line of notSent) console.log(`  ${line}`);
          process.exitCode = 1;
        }
      } finally {
        if (!flags.dryRun) await publisher.disconnect();
      }
    });

  return dlq;
}
