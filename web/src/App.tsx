import { ConferencePage } from './pages/conferences/ConferencePage';
import { BreakGlassPage } from './pages/persons/BreakGlassPage';
import { NotificationsPage } from './pages/notifications/NotificationsPage';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';
import { PublicOnly, RequireAuth, RequireRole } from './components/guards';
import { AccountPage } from './pages/AccountPage';
import { AdminPage } from './pages/AdminPage';
import { DirectoryEditPage, DirectoryNewPage } from './pages/directory/EditPage';
import { DirectoryHistoryPage } from './pages/directory/HistoryPage';
import { DirectoryImportPage } from './pages/directory/ImportPage';
import { DirectoryProfilePage } from './pages/directory/ProfilePage';
import { DirectorySearchPage } from './pages/directory/DirectorySearchPage';
import { AssessmentFormPage } from './pages/assessments/AssessmentFormPage';
import { AssessmentsPage } from './pages/assessments/AssessmentsPage';
import { PlanPage } from './pages/plans/PlanPage';
import { GirCalculatorPage } from './pages/assessments/GirCalculatorPage';
import { HomePage } from './pages/HomePage';
import { InvitationPage } from './pages/InvitationPage';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/PasswordResetPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { EditIdentityPage } from './pages/persons/EditIdentityPage';
import { NewPersonPage } from './pages/persons/NewPersonPage';
import { PersonPage } from './pages/persons/PersonPage';
import { MyRequestsPage } from './pages/requests/MyRequestsPage';
import { PublicRequestPage } from './pages/requests/PublicRequestPage';
import { RequestFormPage } from './pages/requests/RequestFormPage';
import { TriagePage } from './pages/requests/TriagePage';
import { CaseloadPage } from './pages/pathway/CaseloadPage';
import { AlertsPage } from './pages/alerts/AlertsPage';
import { WorkloadBoardPage } from './pages/pathway/WorkloadBoardPage';
import { ConversationPage } from './pages/messages/ConversationPage';
import { MessagesPage } from './pages/messages/MessagesPage';
import { NewConversationPage } from './pages/messages/NewConversationPage';
import { SessionProvider } from './session';
import { AvailabilityPage } from './pages/availability/AvailabilityPage';
import { FreeSlotsPage } from './pages/availability/FreeSlotsPage';
import { AgendaPage } from './pages/agenda/AgendaPage';
import { AppointmentFormPage } from './pages/agenda/AppointmentFormPage';
import { AppointmentPage } from './pages/agenda/AppointmentPage';
import { TeamCalendarPage } from './pages/agenda/TeamCalendarPage';
import { ReferralDetailPage } from './pages/referrals/ReferralDetailPage';
import { ReferralFormPage } from './pages/referrals/ReferralFormPage';
import { ReferralInboxPage } from './pages/referrals/ReferralInboxPage';

/** Who files requests for support, and who triages them (the server decides the same). */
export const REQUESTERS = ['admin', 'coordinator', 'professional', 'social', 'patient'] as const;
export const TRIAGERS = ['admin', 'coordinator'] as const;
/** Who may have a caseload (a directory profile); the server decides (GET /api/caseload). */
const CASE_MANAGERS = ['admin', 'coordinator', 'professional', 'social'] as const;

/** Who uses the shared agenda (decision 029); the server decides the same (AGENDA_ROLES). */
export const AGENDA = ['admin', 'coordinator', 'professional', 'social'] as const;

/** Who writes secure messages (decision 022); the server decides the same (mayUseMessages). */
export const MESSAGING = ['admin', 'coordinator', 'professional', 'social'] as const;

/** Who reads working hours and finds slots (decision 030): all but patients, as the server. */
export const AVAILABILITY_READERS = [
  'admin',
  'coordinator',
  'professional',
  'social',
  'steering',
] as const;

/** The screens of Maillon and who may see them. */
export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route
              path="/login"
              element={
                <PublicOnly>
                  <LoginPage />
                </PublicOnly>
              }
            />
            <Route path="/invitation/:token" element={<InvitationPage />} />
            <Route
              path="/password-reset"
              element={
                <PublicOnly>
                  <ForgotPasswordPage />
                </PublicOnly>
              }
            />
            <Route path="/password-reset/:token" element={<ResetPasswordPage />} />
            <Route path="/demande" element={<PublicRequestPage />} />
            <Route element={<RequireAuth />}>
              <Route index element={<HomePage />} />
              <Route path="/account" element={<AccountPage />} />
              <Route path="/persons/new" element={<NewPersonPage />} />
              <Route path="/persons/:personId" element={<PersonPage />} />
              <Route path="/urgence" element={<BreakGlassPage />} />
              <Route path="/notifications" element={<NotificationsPage />} />
              <Route path="/concertations/:appointmentId" element={<ConferencePage />} />
              <Route path="/persons/:personId/edit" element={<EditIdentityPage />} />
              <Route path="/directory" element={<DirectorySearchPage />} />
              <Route path="/gir" element={<GirCalculatorPage />} />
              <Route path="/persons/:personId/assessments" element={<AssessmentsPage />} />
              <Route path="/persons/:personId/plan" element={<PlanPage />} />
              <Route
                path="/persons/:personId/assessments/:assessmentId"
                element={<AssessmentFormPage />}
              />
              <Route path="/directory/:kind/new" element={<DirectoryNewPage />} />
              <Route path="/directory/:kind/:id" element={<DirectoryProfilePage />} />
              <Route path="/directory/:kind/:id/edit" element={<DirectoryEditPage />} />
              <Route path="/directory/:kind/:id/history" element={<DirectoryHistoryPage />} />
              <Route element={<RequireRole role={REQUESTERS} />}>
                <Route path="/demandes" element={<MyRequestsPage />} />
                <Route path="/demandes/nouvelle" element={<RequestFormPage />} />
              </Route>
              <Route element={<RequireRole role={CASE_MANAGERS} />}>
                <Route path="/file-active" element={<CaseloadPage />} />
                <Route path="/alertes" element={<AlertsPage />} />
                <Route path="/adressages" element={<ReferralInboxPage />} />
                <Route path="/adressages/:referralId" element={<ReferralDetailPage />} />
                <Route path="/persons/:personId/adresser" element={<ReferralFormPage />} />
              </Route>
              <Route element={<RequireRole role={AVAILABILITY_READERS} />}>
                <Route path="/agenda/disponibilites" element={<AvailabilityPage />} />
                <Route path="/agenda/creneaux" element={<FreeSlotsPage />} />
              </Route>
              <Route element={<RequireRole role={MESSAGING} />}>
                <Route path="/messages" element={<MessagesPage />} />
                <Route path="/messages/new" element={<NewConversationPage />} />
                <Route path="/messages/:conversationId" element={<ConversationPage />} />
              </Route>
              <Route element={<RequireRole role={AGENDA} />}>
                <Route path="/agenda" element={<AgendaPage />} />
                <Route path="/agenda/nouveau" element={<AppointmentFormPage />} />
                <Route path="/agenda/rendez-vous/:appointmentId" element={<AppointmentPage />} />
                <Route
                  path="/agenda/rendez-vous/:appointmentId/modifier"
                  element={<AppointmentFormPage />}
                />
                <Route path="/agenda/equipe/:personId" element={<TeamCalendarPage />} />
              </Route>
              <Route element={<RequireRole role={TRIAGERS} />}>
                <Route path="/charge" element={<WorkloadBoardPage />} />
                <Route path="/triage" element={<TriagePage />} />
              </Route>
              <Route element={<RequireRole role="admin" />}>
                <Route path="/admin" element={<AdminPage />} />
                <Route path="/directory/import" element={<DirectoryImportPage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
