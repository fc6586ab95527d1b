import { app } from './app';
import type { Env } from './env';
import { runNightlyCheck } from './nightly/check';

export default {
  fetch: app.fetch,
  // The cron's scheduled time, not the moment it runs, is the check's "today".
  scheduled: async (controller, env, ctx) => {
    ctx.waitUntil(runNightlyCheck(env, { trigger: 'cron', at: new Date(controller.scheduledTime) }));
  },
} satisfies ExportedHandler<Env>;
