// Coupa-specific /_sandbox admin routes (no auth): inspect the store, expire or revoke tokens, change auth config, reset to the seed.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuthConfig } from './oauth.js';
import type { CoupaStoreSnapshot } from './store.js';

export const revokeTokensSchema = z.object({ clientCredentials: z.boolean().optional() }).strict();
export type RevokeTokensOptions = z.infer<typeof revokeTokensSchema>;

export const sandboxConfigSchema = z
  .object({
    accessTokenTtlSeconds: z.number().int().positive().optional(),
    grantedScopes: z.array(z.string().min(1)).optional(),
    /** Re-enables a client disabled by a credential revocation. */
    clientEnabled: z.boolean().optional(),
  })
  .strict();
export type CoupaSandboxConfig = z.infer<typeof sandboxConfigSchema>;

/** What the admin routes operate on; the same methods sit on the in-process CoupaSandbox object. */
export interface CoupaAdminOperations {
  snapshot(): CoupaStoreSnapshot;
  expireTokens(): number;
  revokeTokens(options?: RevokeTokensOptions): number;
  configure(config: CoupaSandboxConfig): AuthConfig;
  reset(): void;
}

function publicConfig(config: AuthConfig): Omit<AuthConfig, 'clientSecret'> {
  const { clientSecret: _secret, ...rest } = config;
  return rest;
}

function invalid(res: Response, issues: z.core.$ZodIssue[]): void {
  res.status(400).json({ error: 'invalid admin request', issues });
}

export function adminRouter(ops: CoupaAdminOperations, currentConfig: () => AuthConfig): Router {
  const router = Router();
  router.get('/_sandbox/store', (_req: Request, res: Response) => {
    res.json(ops.snapshot());
  });
  router.post('/_sandbox/tokens/expire', (_req: Request, res: Response) => {
    res.json({ expired: ops.expireTokens() });
  });
  router.post('/_sandbox/tokens/revoke', (req: Request, res: Response) => {
    const parsed = revokeTokensSchema.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(res, parsed.error.issues);
    res.json({ revoked: ops.revokeTokens(parsed.data), clientEnabled: currentConfig().clientEnabled });
  });
  router.get('/_sandbox/config', (_req: Request, res: Response) => {
    res.json(publicConfig(currentConfig()));
  });
  router.put('/_sandbox/config', (req: Request, res: Response) => {
    const parsed = sandboxConfigSchema.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(res, parsed.error.issues);
    res.json(publicConfig(ops.configure(parsed.data)));
  });
  router.post('/_sandbox/reset', (_req: Request, res: Response) => {
    ops.reset();
    res.json({ reset: true });
  });
  return router;
}
