import { createBrowserRouter } from 'react-router';
import { Layout } from './components/layout.js';
import { AssetsPage } from './pages/assets-page.js';
import { RunsPage } from './pages/runs-page.js';
import { LaunchPage } from './pages/launch-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { queryClient } from './query-client.js';
import { assetQuery, graphLayoutQuery, graphQuery } from './api/assets.js';
import { runQuery } from './api/runs.js';

/** Route loaders start fetching a page's data beside its code, and wait for neither. */
const noWait = (...started: Array<Promise<unknown>>): null => (void Promise.allSettled(started), null);

/**
 * The app's pages (react-router). Asset keys are one encoded path segment. The catalog, runs and
 * launch pages are in the first bundle; pages that draw charts (chart.js) or the graph (React
 * Flow) load with their route, so the catalog stays light; their data is fetched meanwhile.
 */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <AssetsPage /> },
      {
        path: 'lineage',
        loader: () =>
          noWait(queryClient.prefetchQuery(graphQuery), queryClient.prefetchQuery(graphLayoutQuery)),
        lazy: async () => ({ Component: (await import('./pages/lineage-page.js')).LineagePage }),
      },
      {
        path: 'assets/:key',
        loader: ({ params }) => noWait(queryClient.prefetchQuery(assetQuery(params.key ?? ''))),
        lazy: async () => ({ Component: (await import('./pages/asset-page.js')).AssetPage }),
      },
      { path: 'runs', element: <RunsPage /> },
      {
        path: 'runs/:runId',
        loader: ({ params }) => noWait(queryClient.prefetchQuery(runQuery(params.runId ?? ''))),
        lazy: async () => ({ Component: (await import('./pages/run-page.js')).RunPage }),
      },
      { path: 'launch', element: <LaunchPage /> },
      {
        path: 'dashboards',
        lazy: async () => ({ Component: (await import('./pages/dashboards-page.js')).DashboardsPage }),
      },
      {
        path: 'dashboards/activities/:activityId',
        lazy: async () => ({ Component: (await import('./pages/activity-page.js')).ActivityPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
