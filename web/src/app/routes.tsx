import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { Guarded } from '../auth/Guarded';
import type { Guard } from '../auth/guards';
import { AccessRequestsPage } from '../pages/admin/AccessRequests';
import { AdminHome } from '../pages/admin/AdminHome';
import { AuditPage } from '../pages/admin/Audit';
import { RolesPage } from '../pages/admin/Roles';
import { UsersPage } from '../pages/admin/Users';
import { AreaHome } from '../pages/AreaHome';
import { ForgotPassword } from '../pages/auth/ForgotPassword';
import { Register } from '../pages/auth/Register';
import { RequestAccess } from '../pages/auth/RequestAccess';
import { ResetPassword } from '../pages/auth/ResetPassword';
import { SignIn } from '../pages/auth/SignIn';
import { VerifyEmail } from '../pages/auth/VerifyEmail';
import { Landing } from '../pages/Landing';
import { NotFound } from '../pages/NotFound';
import { MfaSetupPage } from '../pages/security/MfaSetup';
import { MyActivity } from '../pages/security/MyActivity';
import { MySecurity } from '../pages/security/MySecurity';
import { StatusPage } from '../pages/StatusPage';
import { guards, paths } from './nav';
import { Shell } from './Shell';

const guarded = (guard: Guard, element: ReactNode) => <Guarded guard={guard}>{element}</Guarded>;

export const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { path: paths.home, element: <Landing /> },
      { path: paths.status, element: <StatusPage /> },
      { path: paths.requestAccess, element: <RequestAccess /> },

      { path: paths.signIn, element: guarded('guest', <SignIn />) },
      { path: paths.register, element: guarded('guest', <Register />) },
      { path: paths.verifyEmail, element: guarded('guest', <VerifyEmail />) },
      { path: paths.forgotPassword, element: guarded('guest', <ForgotPassword />) },
      { path: paths.resetPassword, element: guarded('guest', <ResetPassword />) },

      { path: paths.mfaSetup, element: guarded(guards.mfaSetup, <MfaSetupPage />) },
      { path: paths.security, element: guarded(guards.security, <MySecurity />) },
      { path: paths.activity, element: guarded(guards.activity, <MyActivity />) },

      { path: paths.portal, element: guarded(guards.portal, <AreaHome area="portal" />) },
      { path: paths.desk, element: guarded(guards.desk, <AreaHome area="desk" />) },
      { path: paths.admin, element: guarded(guards.admin, <AdminHome />) },
      { path: paths.users, element: guarded(guards.users, <UsersPage />) },
      { path: paths.roles, element: guarded(guards.roles, <RolesPage />) },
      { path: paths.accessRequests, element: guarded(guards.accessRequests, <AccessRequestsPage />) },
      { path: paths.audit, element: guarded(guards.audit, <AuditPage />) },

      { path: '*', element: <NotFound /> },
    ],
  },
]);
