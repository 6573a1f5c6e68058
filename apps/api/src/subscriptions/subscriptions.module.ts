import { Module } from '@nestjs/common';
import { SubscriptionsController } from './subscriptions.controller';
import { WebhookTargetGuard } from './webhook-target.guard';

@Module({ controllers: [SubscriptionsController], providers: [WebhookTargetGuard] })
export class SubscriptionsModule {}
