import { ArticleAnalyzedEvent, deterministicId, EventBatch, TOPICS } from '@chronicle/contracts';
import { matchAlerts, speakerKeys } from '@chronicle/domain';
import { applyBatchOnce } from '@chronicle/persistence';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { AlertRepository } from './alert.repository';

@Controller()
export class AlertMatchingHandler {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Matches each analysed article against subscriptions and records new alerts in the same
   * transaction as the consumer position; the delivery worker sends them.
   */
  @EventPattern(TOPICS.analyses)
  async handle(batch: EventBatch): Promise<void> {
    await applyBatchOnce(this.dataSource, batch, async (manager, fresh) => {
      const repository = new AlertRepository(manager);
      for (const { event } of fresh) {
        if (event.type !== 'ArticleAnalyzed') continue;
        const article = (event as ArticleAnalyzedEvent).data;
        const keys = article.analysis.statements.flatMap((s) => (s.speaker ? speakerKeys(s.speaker) : []));
        const rules = await repository.rulesForSpeakerKeys([...new Set(keys)]);
        const candidates = matchAlerts(rules, article).map((c) => ({
          ...c,
          id: deterministicId('alert', c.subscriptionId, c.clusterId),
        }));
        await repository.recordNew(candidates);
      }
    });
  }
}
