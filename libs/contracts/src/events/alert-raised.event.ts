import { z } from 'zod/v4';

export const ALERT_RAISED = 'AlertRaised' as const;

export const alertRaisedV1Schema = z.object({
  alertId: z.string().min(1),
  subscriptionId: z.string().min(1),
  actorId: z.string().min(1),
  actorName: z.string(),
  statementId: z.string().min(1),
  statementText: z.string(),
  articleId: z.string().min(1),
  articleUrl: z.string().nullable(),
  outlet: z.string().nullable(),
});

export type AlertRaisedData = z.infer<typeof alertRaisedV1Schema>;
