import { Module } from '@nestjs/common';
import { SubscriptionsController } from './subscriptions.controller';
import { WebhookTargetGuard } from './webhook-target.guard';
import { dataSourceProvider } from '../common/data-source-provider';
import { SubscriptionRepository } from './subscription.repository';

@Module({ controllers: [SubscriptionsController], providers: [WebhookTargetGuard, dataSourceProvider(SubscriptionRepository)] })
export class SubscriptionsModule {}
