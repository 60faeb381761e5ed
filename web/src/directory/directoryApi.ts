import { request } from '../api';

export type EntryType = 'member' | 'organisation' | 'service';
export const ENTRY_PATHS: Record<EntryType, string> = {
  member: 'members',
  organisation: 'organisations',
  service: 'services',
};

export type Term = { code: string; fr: string; en: string };
export type Vocabulary = {
  professions: Term[];
  organisationTypes: Term[];
  careStreams: Term[];
  channels: Term[];
  languages: Term[];
  communes: string[];
  staleDays: number;
};

export type SearchResult = {
  type: EntryType;
  id: string;
  title: string;
  subtitle: string | null;
  profession: string | null;
  organisationType: string | null;
  careStreams: string[];
  communes: string[];
  accepting: string | null;
  languages: string[];
  channels: string[];
  stale: boolean;
  matched: { field: string; value: string; exact: boolean }[];
};
export type SearchResponse = {
  items: SearchResult[];
  total: number;
  page: number;
  pageSize: number;
};

export type Channel = { kind: string; value: string; preferred?: boolean; bestTimes?: string };
/** A profile as the API returns it: common fields plus those of its type. */
export type Entry = Record<string, unknown> & {
  id: string;
  version: number;
  verifiedAt: string | null;
  stale: boolean;
  canEdit: boolean;
  channels: Channel[];
  goodToKnow: string | null;
};
export type HistoryItem = {
  version: number;
  action: string;
  changedAt: string;
  changedBy: { id: string; displayName: string } | null;
  changes: Record<string, { from: unknown; to: unknown }>;
};
export type ImportKind = 'organisations' | 'members' | 'services';
export type ImportReport = {
  kind: ImportKind;
  dryRun: boolean;
  total: number;
  accepted: number;
  rejected: { row: number; errors: { field: string; message: string }[] }[];
  preview: string[];
  created: number;
};

/** The directory endpoints. */
export const directoryApi = {
  vocabulary: () => request<Vocabulary>('GET', '/api/directory/vocabulary'),
  search: (params: URLSearchParams) =>
    request<SearchResponse>('GET', `/api/directory/search?${params.toString()}`),
  entry: (type: EntryType, id: string) =>
    request<Entry>('GET', `/api/directory/${ENTRY_PATHS[type]}/${encodeURIComponent(id)}`),
  history: (type: EntryType, id: string) =>
    request<{ items: HistoryItem[] }>(
      'GET',
      `/api/directory/${ENTRY_PATHS[type]}/${encodeURIComponent(id)}/history`,
    ),
  update: (type: EntryType, id: string, changes: Record<string, unknown>) =>
    request<{ id: string; version: number }>(
      'PATCH',
      `/api/directory/${ENTRY_PATHS[type]}/${encodeURIComponent(id)}`,
      changes,
    ),
  verify: (type: EntryType, id: string) =>
    request<{ version: number }>(
      'POST',
      `/api/directory/${ENTRY_PATHS[type]}/${encodeURIComponent(id)}/verify`,
    ),
  importCsv: (kind: ImportKind, csv: string, dryRun: boolean) =>
    request<ImportReport>('POST', `/api/directory/import/${kind}`, { csv, dryRun }),
};
