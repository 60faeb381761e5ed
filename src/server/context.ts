import type { TDb } from '../db/client.js';
import type { TConfig } from './config.js';

export const ROLES = [
  'admin',
  'coordinator',
  'professional',
  'social',
  'patient',
  'steering',
] as const;
export type TRole = (typeof ROLES)[number];

/** The authenticated user a request acts for. */
export type TActor = {
  userId: string;
  role: TRole;
  email: string;
  displayName: string;
  locale: 'fr' | 'en';
  /** Directory profile of a non-patient user. */
  memberId: string | null;
  /** Person record of a patient or caregiver user. */
  personId: string | null;
};

/** What every service function receives first: who acts, on which database, for which request. */
export type TContext = {
  db: TDb;
  config: TConfig;
  actor: TActor;
  requestId: string;
};

/** Context of a request made before anyone is logged in (login, invitation acceptance). */
export type TAnonymousContext = {
  db: TDb;
  config: TConfig;
  actor: null;
  requestId: string;
  ip: string;
};
