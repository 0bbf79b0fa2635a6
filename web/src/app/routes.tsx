import { createBrowserRouter } from 'react-router';
import { AreaHome } from '../pages/AreaHome';
import { Landing } from '../pages/Landing';
import { NotFound } from '../pages/NotFound';
import { StatusPage } from '../pages/StatusPage';
import { paths } from './nav';
import { Shell } from './Shell';

export const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { path: paths.home, element: <Landing /> },
      { path: paths.portal, element: <AreaHome area="portal" /> },
      { path: paths.desk, element: <AreaHome area="desk" /> },
      { path: paths.admin, element: <AreaHome area="admin" /> },
      { path: paths.status, element: <StatusPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
