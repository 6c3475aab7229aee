// createApp: the whole HTTP API under /v1, with the error boundary and the OpenAPI document.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from './env.js';
import { handleError, handleNotFound } from './problem.js';
import { validationHook } from './validation.js';
import { healthRoutes } from '../routes/health.js';

export const API_VERSION = '0.1.0';

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(handleError);
  app.notFound(handleNotFound);

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });

  app.route('/v1', healthRoutes);

  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Clearframe registry',
      version: API_VERSION,
      description: 'Consent registry for pictures of people. Errors are RFC 9457 problem bodies.',
    },
  });
  return app;
}
