import { createBrowserRouter } from 'react-router';
import { Layout } from './components/layout.js';
import { AssetsPage } from './pages/assets-page.js';
import { AssetPage } from './pages/asset-page.js';
import { RunsPage } from './pages/runs-page.js';
import { RunPage } from './pages/run-page.js';
import { LaunchPage } from './pages/launch-page.js';
import { DashboardsPage } from './pages/dashboards-page.js';
import { ActivityPage } from './pages/activity-page.js';
import { NotFoundPage } from './pages/not-found-page.js';

/** The app's pages (react-router). Asset keys are one encoded path segment. */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <AssetsPage /> },
      // ELK and React Flow load with the lineage page only: the catalog stays light
      {
        path: 'lineage',
        lazy: async () => ({ Component: (await import('./pages/lineage-page.js')).LineagePage }),
      },
      { path: 'assets/:key', element: <AssetPage /> },
      { path: 'runs', element: <RunsPage /> },
      { path: 'runs/:runId', element: <RunPage /> },
      { path: 'launch', element: <LaunchPage /> },
      { path: 'dashboards', element: <DashboardsPage /> },
      { path: 'dashboards/activities/:activityId', element: <ActivityPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
