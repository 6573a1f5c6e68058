import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { TargetVerdict, WebhookTargetPolicy } from '@chronicle/domain';
import { Inject, Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';

/** Refuses webhook URLs that resolve to loopback, private, link-local or metadata addresses unless allow-listed. */
@Injectable()
export class WebhookTargetGuard {
  private readonly policy: WebhookTargetPolicy;

  constructor(@Inject(CHRONICLE_CONFIG) config: ChronicleConfig) {
    this.policy = new WebhookTargetPolicy(config.webhooks.allowedTargets);
  }

  check(url: string): Promise<TargetVerdict> {
    return this.policy.check(url, async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address));
  }
}
