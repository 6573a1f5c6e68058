import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { ARTICLE_ANALYZED, ArticleAnalyzedEvent, deterministicId, EventBatch, TOPICS } from '@chronicle/contracts';
import { compileSubscriptionRule, matchAlerts, noveltyStatementsOf, speakerKeys } from '@chronicle/domain';
import { applyBatchOnce } from '@chronicle/persistence';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { AlertDispatchWorker } from '../delivery/alert-dispatch.worker';
import { AlertRepository } from './alert.repository';
import { placeInClusters } from './place-in-clusters';

@Controller()
export class AlertMatchingHandler {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
    @Inject(AlertDispatchWorker) private readonly deliveries: AlertDispatchWorker,
  ) {}

  /**
   * Places every attributed statement in a novelty cluster (per actor, near-duplicates join the
   * earliest), matches subscriptions against statements that are news to them, and records
   * clusters, alerts and the consumer position in one transaction; then hands the new alerts to the delivery worker.
   */
  @EventPattern(TOPICS.analyses)
  async handle(batch: EventBatch): Promise<void> {
    let raised: string[] = [];
    await applyBatchOnce(this.dataSource, batch, async (manager, fresh) => {
      const repository = new AlertRepository(manager);
      const articles = fresh
        .filter(({ event }) => event.type === ARTICLE_ANALYZED)
        .map(({ event }) => (event as ArticleAnalyzedEvent).data);
      const statements = noveltyStatementsOf(articles);
      if (statements.length === 0) return;
      const { placed, changes } = await placeInClusters(repository, statements, this.config.alerts.noveltyThreshold);
      const clusters = new Map([...placed, ...changes.assignments.map((a) => [a.statementId, a] as const)]);
      const keys = articles.flatMap((a) => a.analysis.statements.flatMap((s) => (s.speaker ? speakerKeys(s.speaker) : [])));
      const rules = (await repository.subscriptionsForSpeakerKeys([...new Set(keys)])).map(compileSubscriptionRule);
      const candidates = articles
        .flatMap((article) => matchAlerts(rules, article, clusters))
        .map((c) => ({ ...c, id: deterministicId('alert', c.subscriptionId, c.clusterId) }));
      raised = await repository.recordNew(candidates);
    });
    if (raised.length > 0) this.deliveries.kick(raised);
  }
}
