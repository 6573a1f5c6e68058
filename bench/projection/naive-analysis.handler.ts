import { ArticleAnalyzedEvent, TOPICS } from '@chronicle/contracts';
import { statementIdentity } from '@chronicle/domain';
import { ActorEntity, ArticleEntity, MentionEntity, StatementEntity } from '@chronicle/persistence';
import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { Repository } from 'typeorm';

/**
 * The baseline: how a NestJS service usually projects, one message at a time through an
 * `@EventPattern` handler that loads and `save()`s entities with TypeORM repositories.
 * (It maintains only articles, actors, mentions and statements — less than Chronicle does.)
 */
@Controller()
export class NaiveAnalysisHandler {
  constructor(
    private readonly articles: Repository<ArticleEntity>,
    private readonly actors: Repository<ActorEntity>,
    private readonly mentions: Repository<MentionEntity>,
    private readonly statements: Repository<StatementEntity>,
  ) {}

  @EventPattern(TOPICS.analyses)
  async handle(event: ArticleAnalyzedEvent): Promise<void> {
    const { data } = event;
    const seenAt = new Date(data.publishedAt ?? data.receivedAt);
    await this.articles.save(
      this.articles.create({
        id: data.articleId,
        url: data.url,
        outlet: data.outlet,
        title: data.title,
        body: '',
        publishedAt: data.publishedAt ? new Date(data.publishedAt) : null,
        receivedAt: new Date(data.receivedAt),
        analyzerVersion: data.analysis.analyzerVersion,
        analysisEventId: event.id,
        analyzedAt: new Date(data.analyzedAt),
      }),
    );
    for (const a of data.analysis.actors) {
      const actor =
        (await this.actors.findOneBy({ id: a.id })) ??
        this.actors.create({
          id: a.id,
          name: a.name,
          kind: a.kind,
          role: a.role ?? null,
          aliases: [],
          firstSeen: seenAt,
          lastSeen: seenAt,
          mentionCount: 0,
          articleCount: 0,
          statementCount: 0,
        });
      actor.aliases = [...new Set([...actor.aliases, ...a.mentions.map((m) => m.text)])];
      actor.mentionCount += a.mentions.length;
      actor.articleCount += 1;
      actor.statementCount += data.analysis.statements.filter((s) => s.speaker?.actorId === a.id).length;
      if (seenAt > actor.lastSeen) actor.lastSeen = seenAt;
      if (seenAt < actor.firstSeen) actor.firstSeen = seenAt;
      await this.actors.save(actor);
      await this.mentions.save(
        this.mentions.create({
          actorId: a.id,
          articleId: data.articleId,
          count: a.mentions.length,
          sentimentScore: a.sentiment.score,
          sentimentLabel: a.sentiment.label,
          seenAt,
        }),
      );
    }
    for (const s of data.analysis.statements) {
      const { id, clusterId } = statementIdentity(data.articleId, s);
      await this.statements.save(
        this.statements.create({
          id,
          articleId: data.articleId,
          speakerId: s.speaker?.actorId ?? null,
          speakerName: s.speaker?.name ?? null,
          kind: s.kind,
          text: s.text,
          cue: s.cue ?? null,
          startOffset: s.start,
          endOffset: s.end,
          sentimentScore: s.sentiment.score,
          sentimentLabel: s.sentiment.label,
          clusterId,
          saidAt: seenAt,
        }),
      );
    }
  }
}
