import { QueryClient } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A wall screen is never "refocused"; the socket tells us when data changes.
        refetchOnWindowFocus: false,
      },
    },
  });
}
