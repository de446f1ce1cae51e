import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../../../shared/domain/users';
import type { Permission } from '../../../../shared/domain/users';

/** The logged-in user, for showing only what the role may do (the backend checks again on every call). */
export const SessionContext = createContext<SessionInfo | null>(null);

export function useCan(): (permission: Permission) => boolean {
  const session = useContext(SessionContext);
  return (permission) => session?.user?.permissions.includes(permission) ?? false;
}
