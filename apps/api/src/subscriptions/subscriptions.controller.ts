import { subscriptionKey } from '@chronicle/domain';
import { ZodValidationPipe } from '@chronicle/platform';
import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CreateSubscriptionDto, createSubscriptionSchema } from './subscription.dto';

interface SubscriptionView {
  id: string;
  actors: string[];
  kinds: string[];
  webhookUrl: string;
  createdAt: string;
}

@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Creates a subscription; the signing secret is returned once, here. */
  @Post()
  @HttpCode(201)
  async create(
    @Body(new ZodValidationPipe(createSubscriptionSchema)) dto: CreateSubscriptionDto,
  ): Promise<SubscriptionView & { secret: string }> {
    const id = randomUUID();
    const secret = dto.secret ?? randomBytes(24).toString('base64url');
    const [row] = await this.dataSource.query(
      `INSERT INTO subscriptions (id, actors, actor_keys, kinds, webhook_url, secret, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING created_at`,
      [id, dto.actors, [...new Set(dto.actors.map(subscriptionKey))], dto.kinds, dto.webhookUrl, secret],
    );
    return { id, actors: dto.actors, kinds: dto.kinds, webhookUrl: dto.webhookUrl, createdAt: new Date(row.created_at).toISOString(), secret };
  }

  @Get()
  async list(): Promise<{ subscriptions: SubscriptionView[] }> {
    const rows = await this.dataSource.query(
      'SELECT id, actors, kinds, webhook_url, created_at FROM subscriptions ORDER BY created_at, id',
    );
    return {
      subscriptions: rows.map((r: { id: string; actors: string[]; kinds: string[]; webhook_url: string; created_at: Date }) => ({
        id: r.id,
        actors: r.actors,
        kinds: r.kinds,
        webhookUrl: r.webhook_url,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  }
}
