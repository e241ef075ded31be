import { OUTCOMES } from '@ancha/core';

export const OUTCOME_LABELS: Record<string, string> = OUTCOMES;
