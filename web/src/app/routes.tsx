import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { Guarded } from '../auth/Guarded';
import type { Guard } from '../auth/guards';
import { CustomerGroupsPage } from '../pages/admin/CustomerGroups';
import { KycRequirementsPage } from '../pages/admin/KycRequirements';
import { CustomerPage } from '../pages/desk/customers/CustomerPage';
import { CustomersListPage } from '../pages/desk/customers/CustomersList';
import { KycReviewPage } from '../pages/desk/KycReview';
import { SlaDashboardPage } from '../pages/desk/sla/Dashboard';
import { PortalAccountPage } from '../pages/portal/PortalAccount';
import { PortalContactsPage } from '../pages/portal/PortalContacts';
import { PortalInvitationsPage } from '../pages/portal/PortalInvitations';
import { PortalDocumentsPage } from '../pages/portal/PortalDocuments';
import { PortalKycPage } from '../pages/portal/PortalKyc';
import { CannedRepliesPage } from '../pages/admin/CannedReplies';
import { TicketTagsPage } from '../pages/admin/TicketTags';
import { SupportGroupsPage } from '../pages/admin/SupportGroups';
import { TicketCategoriesPage } from '../pages/admin/TicketCategories';
import { MailboxesPage } from '../pages/admin/mail/Mailboxes';
import { MailReviewPage } from '../pages/admin/mail/Review';
import { MailSuppressionsPage } from '../pages/admin/mail/Suppressions';
import { MailTemplatesPage } from '../pages/admin/mail/Templates';
import { SlaAdminPage } from '../pages/admin/sla/SlaAdmin';
import { DeskTicketPage } from '../pages/desk/tickets/DeskTicket';
import { TicketQueuesPage } from '../pages/desk/tickets/Queues';
import { MyTicketsPage } from '../pages/portal/tickets/MyTickets';
import { NewTicketPage } from '../pages/portal/tickets/NewTicket';
import { PortalTicketPage } from '../pages/portal/tickets/PortalTicket';
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
      { path: paths.portalAccount, element: guarded(guards.portal, <PortalAccountPage />) },
      { path: paths.portalContacts, element: guarded(guards.portal, <PortalContactsPage />) },
      { path: paths.portalInvitations, element: guarded(guards.portal, <PortalInvitationsPage />) },
      { path: paths.portalKyc, element: guarded(guards.portal, <PortalKycPage />) },
      { path: paths.portalTickets, element: guarded(guards.portal, <MyTicketsPage />) },
      { path: paths.portalNewTicket, element: guarded(guards.portal, <NewTicketPage />) },
      { path: paths.portalTicket, element: guarded(guards.portal, <PortalTicketPage />) },
      { path: paths.tickets, element: guarded(guards.tickets, <TicketQueuesPage />) },
      { path: paths.ticket, element: guarded(guards.tickets, <DeskTicketPage />) },
      { path: paths.ticketCategories, element: guarded(guards.ticketCategories, <TicketCategoriesPage />) },
      { path: paths.supportGroups, element: guarded(guards.supportGroups, <SupportGroupsPage />) },
      { path: paths.cannedReplies, element: guarded(guards.cannedReplies, <CannedRepliesPage />) },
      { path: paths.ticketTags, element: guarded(guards.ticketTags, <TicketTagsPage />) },
      { path: paths.mailboxes, element: guarded(guards.mailboxes, <MailboxesPage />) },
      { path: paths.mailSuppressions, element: guarded(guards.mailSuppressions, <MailSuppressionsPage />) },
      { path: paths.mailReview, element: guarded(guards.mailReview, <MailReviewPage />) },
      { path: paths.mailTemplates, element: guarded(guards.mailTemplates, <MailTemplatesPage />) },
      { path: paths.slaAdmin, element: guarded(guards.slaAdmin, <SlaAdminPage />) },
      { path: paths.portalDocuments, element: guarded(guards.portal, <PortalDocumentsPage />) },
      { path: paths.desk, element: guarded(guards.desk, <AreaHome area="desk" />) },
      { path: paths.customers, element: guarded(guards.customers, <CustomersListPage />) },
      { path: paths.customer, element: guarded(guards.customers, <CustomerPage />) },
      { path: paths.kycReview, element: guarded(guards.kycReview, <KycReviewPage />) },
      { path: paths.slaDashboard, element: guarded(guards.slaDashboard, <SlaDashboardPage />) },
      { path: paths.admin, element: guarded(guards.admin, <AdminHome />) },
      { path: paths.users, element: guarded(guards.users, <UsersPage />) },
      { path: paths.roles, element: guarded(guards.roles, <RolesPage />) },
      { path: paths.accessRequests, element: guarded(guards.accessRequests, <AccessRequestsPage />) },
      { path: paths.audit, element: guarded(guards.audit, <AuditPage />) },
      { path: paths.customerGroups, element: guarded(guards.customerGroups, <CustomerGroupsPage />) },
      { path: paths.kycRequirements, element: guarded(guards.kycRequirements, <KycRequirementsPage />) },

      { path: '*', element: <NotFound /> },
    ],
  },
]);
