import type { RoleBinding } from '@ancha/core';
import type { Actor } from '../context.ts';

/** The authenticated caller of a request. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  personId: string | null;
  roles: RoleBinding[];
  sessionId: string;
}

export function actorOf(p: Principal, ip?: string | null): Actor {
  return { userId: p.userId, name: p.username, ip: ip ?? null };
}
