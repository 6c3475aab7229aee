// createApp: the whole HTTP API under /v1, with the error boundary and the OpenAPI document.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from './env.js';
import { handleError, handleNotFound } from './problem.js';
import { validationHook } from './validation.js';
import { authenticate } from '../auth/authenticate.js';
import { limitJsonBodies } from './body-limit.js';
import { idempotency } from './idempotency.js';
import { assetRoutes } from '../routes/assets.js';
import { authRoutes } from '../routes/auth.js';
import { healthRoutes } from '../routes/health.js';
import { keyRoutes } from '../routes/keys.js';
import { policyRoutes } from '../routes/policy.js';
import { auditRoutes } from '../routes/audit.js';
import { userRoutes } from '../routes/users.js';
import { verdictRoutes } from '../routes/verdicts.js';
import { publicRoutes } from '../routes/public.js';
import { mediaRoutes } from '../routes/media.js';
import { syncRoutes } from '../routes/sync.js';
import { personRoutes } from '../routes/persons.js';
import { formAuthorRoutes } from '../routes/form-authors.js';
import { consentRoutes } from '../routes/consents.js';
import { consentGroupRoutes } from '../routes/consent-groups.js';
import { webhookRoutes } from '../routes/webhooks.js';
import { usageRoutes } from '../routes/usages.js';
import { demoApiRoutes, demoPageRoutes } from '../routes/demo.js';

export const API_VERSION = '0.1.0';

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(handleError);
  app.notFound(handleNotFound);

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });

  app.use('/v1/*', authenticate(), limitJsonBodies(), idempotency());

  app.route('/v1', healthRoutes);
  app.route('/v1', authRoutes);
  app.route('/v1', keyRoutes);
  app.route('/v1', userRoutes);
  app.route('/v1', policyRoutes);
  app.route('/v1', auditRoutes);
  app.route('/v1', assetRoutes);
  app.route('/v1', verdictRoutes);
  app.route('/v1', publicRoutes);
  app.route('/v1', mediaRoutes);
  app.route('/v1', syncRoutes);
  app.route('/v1', personRoutes);
  app.route('/v1', formAuthorRoutes);
  app.route('/v1', consentRoutes);
  app.route('/v1', consentGroupRoutes);
  app.route('/v1', webhookRoutes);
  app.route('/v1', usageRoutes);
  if (deps.demo !== undefined) {
    // Demo mode only (routes/demo.ts): in the OpenAPI document then, and absent otherwise.
    app.route('/v1', demoApiRoutes(deps.demo));
    app.route('/', demoPageRoutes(deps.demo));
  }

  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Clearframe registry',
      version: API_VERSION,
      description: 'Consent registry for pictures of people. Errors are RFC 9457 problem bodies.',
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'Editor key `cf_ed_…` or publishable key `cf_pk_…` (origin-restricted)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'cf_session',
  });
  return app;
}
