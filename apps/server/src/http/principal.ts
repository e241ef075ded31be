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
  /** Signed in with a one-time code: nothing but setting a password until then. */
  mustChangePassword?: boolean;
}

export function actorOf(p: Principal, ip?: string | null): Actor {
  return { userId: p.userId, name: p.username, ip: ip ?? null };
}
