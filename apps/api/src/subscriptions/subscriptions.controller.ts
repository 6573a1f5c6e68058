import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { subscriptionKey, SubscriptionRuleSpec } from '@chronicle/domain';
import { CurrentPrincipal, Principal, RequiresScope, ZodValidationPipe } from '@chronicle/platform';
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
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CreateSubscriptionDto,
  createSubscriptionSchema,
  UpdateSubscriptionDto,
  updateSubscriptionSchema,
} from './subscription.dto';
import { StoredSubscriptionRow, SubscriptionRepository } from './subscription.repository';
import { newWebhookSecret } from './webhook-secret';
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

@RequiresScope('subscriptions')
@Controller('v1/subscriptions')
export class SubscriptionsController {
  private readonly subscriptions: SubscriptionRepository;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(WebhookTargetGuard) private readonly targets: WebhookTargetGuard,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {
    this.subscriptions = new SubscriptionRepository(dataSource);
  }

  /** Creates a subscription; the signing secret (generated `whsec_…` unless given) is returned once, here. */
  @Post()
  @HttpCode(201)
  async create(
    @Body(new ZodValidationPipe(createSubscriptionSchema)) dto: CreateSubscriptionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SubscriptionView & { secret: string }> {
    await this.assertTargetAllowed(dto.webhookUrl);
    const secret = dto.secret ?? newWebhookSecret();
    const stored = await this.subscriptions.insert({ ...this.fieldsOf(dto), id: randomUUID(), secret }, principal.tenant);
    return { ...toView(stored), secret };
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal): Promise<{ subscriptions: SubscriptionView[] }> {
    return { subscriptions: (await this.subscriptions.list(principal.tenant)).map(toView) };
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<SubscriptionView> {
    return toView(await this.existing(id, principal.tenant));
  }

  /**
   * Changes some fields; the merged subscription is validated as a whole (400 lists every problem).
   * A new `secret` replaces the current one, which keeps signing for `WEBHOOK_SECRET_ROTATION_HOURS`.
   */
  @Patch(':id')
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodValidationPipe(updateSubscriptionSchema)) patch: UpdateSubscriptionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SubscriptionView> {
    const current = toView(await this.existing(id, principal.tenant));
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
    const stored = await this.subscriptions.update(
      { ...this.fieldsOf(dto), id, secret: patch.secret },
      this.config.webhooks.secretRotationMs,
      principal.tenant,
    );
    if (!stored) throw new NotFoundException(`no subscription ${id}`);
    return toView(stored);
  }

  /**
   * Generates a new `whsec_` signing secret and returns it once; the replaced secret keeps signing
   * deliveries too (a second signature) until `previousSecretExpiresAt`, so receivers can switch without a gap.
   */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  async rotateSecret(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ id: string; secret: string; previousSecretExpiresAt: string }> {
    const secret = newWebhookSecret();
    const rotated = await this.subscriptions.rotateSecret(id, secret, this.config.webhooks.secretRotationMs, principal.tenant);
    if (!rotated) throw new NotFoundException(`no subscription ${id}`);
    return { id, secret, ...rotated };
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    if (!(await this.subscriptions.delete(id, principal.tenant))) throw new NotFoundException(`no subscription ${id}`);
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

  /** Another tenant's subscription is 404 like a missing one, so ids cannot be probed. */
  private async existing(id: string, tenant: string): Promise<StoredSubscriptionRow> {
    const found = await this.subscriptions.findById(id, tenant);
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
