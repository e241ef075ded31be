import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import type { JobDef, Log } from '../jobs/scheduler.ts';
import type { MailSender } from './notify/mail.sender.ts';

/** What the platform builds once and hands to the modules that need it. */
export interface PlatformParts {
  mail: MailSender;
}

/** Something a module keeps running (an event subscriber); the platform stops it at close. */
export interface Running {
  stop(): void;
  /** Resolves when the work it has started so far is done (tests, orderly shutdown). */
  idle?(): Promise<void>;
}

/**
 * One area of the server as the platform sees it: its routes, what it adds to the platform's
 * registries (document kinds, task kinds, media readers), its scheduled jobs, and what it
 * keeps running. A new capability is a new module in modules/index.ts; nothing else in the
 * platform changes.
 */
export interface ServerModule {
  name: string;
  routes?(ctx: AppContext): FastifyPluginAsyncZod;
  register?(ctx: AppContext): void;
  jobs?(ctx: AppContext, parts: PlatformParts): JobDef[];
  start?(ctx: AppContext, log: Log): Running | null;
}
