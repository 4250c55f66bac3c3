import { z } from 'zod';
import { analysisSpecSchema } from '../model/analysis-spec.ts';
import { gateEvidenceSchema } from '../model/quality-gates.ts';
import { stepSchema } from '../model/step.ts';
import { trafficSchema } from '../model/traffic.ts';
import { DEFAULT_SERVICE, serviceSchema } from '../rollout/service.ts';

export const startDeploymentInput = {
  environment: z.string().min(1).max(50),
  /** What the deployment changes; one active rollout per environment and service. */
  service: serviceSchema.default(DEFAULT_SERVICE),
  version: z.string().trim().min(1).max(100),
  deployment_id: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/)
    .optional(),
  deployment_type: z
    .string()
    .regex(/^[a-z_]{1,50}$/)
    .default('backend'),
  git_commit_hash: z
    .string()
    .regex(/^[0-9a-f]{7,40}$/i)
    .optional(),
  git_branch: z.string().min(1).max(255).optional(),
  commit_time: z.iso.datetime({ offset: true }).optional(),
  strategy: z.enum(['canary', 'direct']).optional(),
  steps: z.array(stepSchema).min(1).max(20).optional(),
  traffic: trafficSchema.default({ provider: 'none' }),
  gates: gateEvidenceSchema.default({}),
  hotfix: z.object({ reason: z.string().trim().min(3).max(1000) }).optional(),
  override: z.object({ reason: z.string().trim().min(3).max(1000) }).optional(),
  /** Overrides of the environment's analysis for this deployment (docs/deploy-orchestrator.md). */
  analysis: analysisSpecSchema.optional(),
};
const schema = z.object(startDeploymentInput);

export type StartDeploymentInput = z.infer<typeof schema>;
