import { QueryClient } from '@tanstack/react-query';

/** The app's one query cache (server state lives here, not in hand-written stores). */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});
