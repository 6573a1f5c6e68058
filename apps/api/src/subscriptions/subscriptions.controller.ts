import { subscriptionKey, SubscriptionRuleSpec } from '@chronicle/domain';
import { ZodValidationPipe } from '@chronicle/platform';
import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CreateSubscriptionDto,
  createSubscriptionSchema,
  UpdateSubscriptionDto,
  updateSubscriptionSchema,
} from './subscription.dto';
import { StoredSubscriptionRow, SubscriptionRepository } from './subscription.repository';
import { WebhookTargetGuard } from './webhook-target.guard';

type SubscriptionView = Omit<StoredSubscriptionRow, 'actorKeys' | 'rule'> & SubscriptionRuleSpec;

function toView({ actorKeys: _keys, rule, ...rest }: StoredSubscriptionRow): SubscriptionView {
  return { ...rest, ...rule };
}

function ruleOf(dto: CreateSubscriptionDto): SubscriptionRuleSpec {
  const rule: SubscriptionRuleSpec = {};
  if (dto.query !== undefined) rule.query = dto.query;
  if (dto.words !== undefined) rule.words = dto.words;
  if (dto.outlets !== undefined) rule.outlets = dto.outlets;
  if (dto.sentiment !== undefined) rule.sentiment = dto.sentiment;
  return rule;
}

@Controller('v1/subscriptions')
export class SubscriptionsController {
  private readonly subscriptions: SubscriptionRepository;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(WebhookTargetGuard) private readonly targets: WebhookTargetGuard,
  ) {
    this.subscriptions = new SubscriptionRepository(dataSource);
  }

  /** Creates a subscription; the signing secret is returned once, here. */
  @Post()
  @HttpCode(201)
  async create(
    @Body(new ZodValidationPipe(createSubscriptionSchema)) dto: CreateSubscriptionDto,
  ): Promise<SubscriptionView & { secret: string }> {
    await this.assertTargetAllowed(dto.webhookUrl);
    const secret = dto.secret ?? randomBytes(24).toString('base64url');
    const stored = await this.subscriptions.insert({ ...this.fieldsOf(dto), id: randomUUID(), secret });
    return { ...toView(stored), secret };
  }

  @Get()
  async list(): Promise<{ subscriptions: SubscriptionView[] }> {
    return { subscriptions: (await this.subscriptions.list()).map(toView) };
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<SubscriptionView> {
    return toView(await this.existing(id));
  }

  /** Changes some fields; the merged subscription is validated as a whole (400 lists every problem). */
  @Patch(':id')
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(updateSubscriptionSchema)) patch: UpdateSubscriptionDto,
  ): Promise<SubscriptionView> {
    const current = toView(await this.existing(id));
    const merged: Record<string, unknown> = {
      actors: current.actors,
      kinds: current.kinds,
      channel: current.channel,
      webhookUrl: current.webhookUrl ?? undefined,
    };
    for (const key of ['query', 'words', 'outlets', 'sentiment'] as const)
      if (current[key] !== undefined) merged[key] = current[key];
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    if (patch.channel === 'stream' && patch.webhookUrl === undefined) delete merged.webhookUrl;
    const dto = new ZodValidationPipe(createSubscriptionSchema).transform(merged);
    if (patch.webhookUrl) await this.assertTargetAllowed(dto.webhookUrl);
    const stored = await this.subscriptions.update({ ...this.fieldsOf(dto), id, secret: patch.secret });
    if (!stored) throw new NotFoundException(`no subscription ${id}`);
    return toView(stored);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    if (!(await this.subscriptions.delete(id))) throw new NotFoundException(`no subscription ${id}`);
  }

  private fieldsOf(dto: CreateSubscriptionDto) {
    return {
      actors: dto.actors,
      actorKeys: [...new Set(dto.actors.map(subscriptionKey))],
      kinds: [...dto.kinds],
      rule: ruleOf(dto),
      channel: dto.channel,
      webhookUrl: dto.channel === 'webhook' ? dto.webhookUrl! : null,
    };
  }

  private async existing(id: string): Promise<StoredSubscriptionRow> {
    const found = await this.subscriptions.findById(id);
    if (!found) throw new NotFoundException(`no subscription ${id}`);
    return found;
  }

  private async assertTargetAllowed(url: string | undefined): Promise<void> {
    if (!url) return;
    const verdict = await this.targets.check(url);
    if (verdict.allowed) return;
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Invalid request',
      problems: [{ path: 'webhookUrl', message: verdict.reason }],
    });
  }
}
