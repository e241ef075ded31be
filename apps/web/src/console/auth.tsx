import { type Capability, can } from '@ancha/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Result } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, api, errorMessage, setUnauthenticatedHandler, type User } from '../lib/api.ts';
import { Loading } from './common/Loading.tsx';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no valid session. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<User | null> => {
      try {
        return await api.me();
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The user inside the console; RequireAuth guarantees there is one. */
export function useUser(): User {
  const { data } = useMe();
  if (!data) throw new Error('useUser outside RequireAuth');
  return data;
}

/** Whether the signed-in user holds a capability (the same table the server's routes use). */
export function useCan(capability: Capability): boolean {
  return can(useUser().roles, capability);
}

/**
 * A lost session anywhere (expired, revoked after a role change) drops the cached user, so
 * the guard below sends the person to the login page instead of showing stale data.
 */
export function SessionWatcher() {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  useEffect(() => {
    setUnauthenticatedHandler((err) => {
      if (qc.getQueryData(ME_KEY) && err.code === 'session_expired') message.warning(err.message);
      qc.setQueryData(ME_KEY, null);
    });
  }, [qc, message]);
  return null;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <Result
        status="warning"
        title="无法连接服务器"
        subTitle={errorMessage(me.error)}
        extra={<Button onClick={() => me.refetch()}>重试</Button>}
      />
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

export function useLogout() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  return useMutation({
    mutationFn: () => api.logout(),
    onSuccess: () => {
      // Nothing of the previous user may stay in memory for the next one on this machine.
      qc.clear();
      qc.setQueryData(ME_KEY, null);
      navigate('/login', { replace: true });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
}

export function FullPageSpin() {
  return (
    <div style={{ display: 'flex', minHeight: '100vh', alignItems: 'center', justifyContent: 'center' }}>
      <Loading />
    </div>
  );
}
