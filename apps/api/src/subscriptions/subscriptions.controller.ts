import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { subscriptionKey, SubscriptionRuleSpec } from '@chronicle/domain';
import {
  BodyLimit,
  CurrentPrincipal,
  ErrorResponses,
  Principal,
  RequiresScope,
  ZodBody,
  ZodParams,
  ZodResponse,
  ZodValidationPipe,
} from '@chronicle/platform';
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
  Patch,
  Post,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  CreateSubscriptionDto,
  createSubscriptionSchema,
  UpdateSubscriptionDto,
  updateSubscriptionSchema,
} from './subscription.dto';
import { StoredSubscriptionRow, SubscriptionRepository } from './subscription.repository';
import {
  createdSubscriptionSchema,
  rotatedSecretSchema,
  subscriptionIdParams,
  subscriptionListSchema,
  SubscriptionView,
  subscriptionViewSchema,
} from './subscription.view';
import { mergeSubscriptionPatch } from './subscription-patch';
import { newWebhookSecret } from './webhook-secret';
import { WebhookTargetGuard } from './webhook-target.guard';

type IdParams = z.infer<typeof subscriptionIdParams>;

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

/**
 * Room for the largest subscription the DTO accepts: 600 names of 200 characters in actor, word and
 * outlet lists, each character escaped as \uXXXX in the worst case, is about 720 KB.
 */
const SUBSCRIPTION_BODY_BYTES = 1024 * 1024;

@RequiresScope('subscriptions')
@ApiTags('subscriptions')
@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(
    @Inject(SubscriptionRepository) private readonly subscriptions: SubscriptionRepository,
    @Inject(WebhookTargetGuard) private readonly targets: WebhookTargetGuard,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {}

  /** Creates a subscription; the signing secret (generated `whsec_…` unless given) is returned once, here. */
  @BodyLimit(SUBSCRIPTION_BODY_BYTES)
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Creates a subscription; its signing secret is returned once, here' })
  @ZodBody(createSubscriptionSchema)
  @ZodResponse(201, createdSubscriptionSchema, 'The subscription, with its signing secret')
  async create(
    @Body(new ZodValidationPipe(createSubscriptionSchema)) dto: CreateSubscriptionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<z.infer<typeof createdSubscriptionSchema>> {
    await this.assertTargetAllowed(dto.webhookUrl);
    const secret = dto.secret ?? newWebhookSecret();
    const stored = await this.subscriptions.insert({ ...this.fieldsOf(dto), id: randomUUID(), secret }, principal.tenant);
    return { ...toView(stored), secret };
  }

  @Get()
  @ApiOperation({ summary: "The tenant's subscriptions" })
  @ZodResponse(200, subscriptionListSchema, "Every subscription of the key's tenant")
  async list(@CurrentPrincipal() principal: Principal): Promise<z.infer<typeof subscriptionListSchema>> {
    return { subscriptions: (await this.subscriptions.list(principal.tenant)).map(toView) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscription' })
  @ZodParams(subscriptionIdParams)
  @ZodResponse(200, subscriptionViewSchema, 'The subscription')
  @ErrorResponses(404)
  async get(
    @Param(new ZodValidationPipe(subscriptionIdParams)) { id }: IdParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SubscriptionView> {
    return toView(await this.existing(id, principal.tenant));
  }

  /**
   * Changes some fields; the merged subscription is validated as a whole (400 lists every problem).
   * A new `secret` replaces the current one, which keeps signing for `WEBHOOK_SECRET_ROTATION_HOURS`.
   */
  @BodyLimit(SUBSCRIPTION_BODY_BYTES)
  @Patch(':id')
  @ApiOperation({ summary: 'Changes some fields; `null` removes an optional condition' })
  @ZodParams(subscriptionIdParams)
  @ZodBody(updateSubscriptionSchema)
  @ZodResponse(200, subscriptionViewSchema, 'The changed subscription')
  @ErrorResponses(404)
  async update(
    @Param(new ZodValidationPipe(subscriptionIdParams)) { id }: IdParams,
    @Body(new ZodValidationPipe(updateSubscriptionSchema)) patch: UpdateSubscriptionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SubscriptionView> {
    const merged = mergeSubscriptionPatch(toView(await this.existing(id, principal.tenant)), patch);
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
  @ApiOperation({ summary: 'Generates a new signing secret; the replaced one keeps signing for a while' })
  @ZodParams(subscriptionIdParams)
  @ZodResponse(200, rotatedSecretSchema, 'The new secret, shown once')
  @ErrorResponses(404)
  async rotateSecret(
    @Param(new ZodValidationPipe(subscriptionIdParams)) { id }: IdParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<z.infer<typeof rotatedSecretSchema>> {
    const secret = newWebhookSecret();
    const rotated = await this.subscriptions.rotateSecret(id, secret, this.config.webhooks.secretRotationMs, principal.tenant);
    if (!rotated) throw new NotFoundException(`no subscription ${id}`);
    return { id, secret, ...rotated };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes the subscription; its undelivered alerts are cancelled' })
  @ZodParams(subscriptionIdParams)
  @ZodResponse(204, null, 'Deleted')
  @ErrorResponses(404)
  async remove(
    @Param(new ZodValidationPipe(subscriptionIdParams)) { id }: IdParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
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
