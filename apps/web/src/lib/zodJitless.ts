import { config } from 'zod';

/**
 * Imported first by every page: zod compiles fast parsers with `new Function` unless told not
 * to, and only tries whether it may — a try that the pages' Content-Security-Policy (no
 * 'unsafe-eval') reports as a violation. It must run before any schema is built (core's modules).
 */
config({ jitless: true });
