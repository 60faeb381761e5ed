/**
 * The parts of the Open Referral HSDS 3 export that describe places and kinds of structure:
 * where an organisation is (`location` with its address and map point), which services are given
 * there (`service_at_location`), and what the organisation is in the national terminology
 * (an `attribute` with its taxonomy term). Pure functions of the stored rows (decision 035).
 */
import { createHash } from 'node:crypto';
import type { organisations } from '../../db/schema/index.js';
import { ORGANISATION_TYPE_CODINGS, ORGANISATION_TYPES } from './directory.vocabulary.js';

type TOrganisationRow = typeof organisations.$inferSelect;

/** A UUID derived from a seed, so exported sub-records keep the same id from one export to the next. */
export function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The département of a French postcode, for HSDS's required state_province: its first two
 * digits (three overseas), Corsica's 20xxx split into 2A and 2B as La Poste splits them.
 */
export function departementOf(postalCode: string): string {
  if (postalCode.startsWith('97') || postalCode.startsWith('98')) return postalCode.slice(0, 3);
  if (postalCode.startsWith('20')) return Number(postalCode.slice(2, 3)) < 2 ? '2A' : '2B';
  return postalCode.slice(0, 2);
}

const POSTCODE = /^\d{5}$/;

/** The id of an organisation's one location (Maillon keeps one address per organisation). */
export const locationIdOf = (organisationId: string) => stableUuid(`${organisationId}:location`);

/**
 * The organisation's place as an HSDS location: a physical one, with its postal address when the
 * address, postcode and commune are all known, and its map point when it has one. null when
 * Maillon knows neither (a commune alone is no place: the export would invent one).
 */
export function hsdsLocationOf(o: TOrganisationRow) {
  const hasPoint = o.latitude !== null && o.longitude !== null;
  const hasAddress = !!o.address && !!o.commune && !!o.postalCode && POSTCODE.test(o.postalCode);
  if (!hasPoint && !hasAddress) return null;
  const id = locationIdOf(o.id);
  return {
    id,
    location_type: 'physical',
    organization_id: o.id,
    name: o.name,
    ...(hasPoint ? { latitude: o.latitude!, longitude: o.longitude! } : {}),
    addresses: hasAddress
      ? [
          {
            id: stableUuid(`${o.id}:address`),
            location_id: id,
            address_1: o.address!,
            city: o.commune!,
            state_province: departementOf(o.postalCode!),
            postal_code: o.postalCode!,
            country: 'FR',
            address_type: 'physical',
          },
        ]
      : [],
  };
}

/** A service given at its organisation's location (none when the organisation has no place). */
export function hsdsServiceAtLocations(serviceId: string, location: { id: string } | null) {
  if (!location) return [];
  return [
    {
      id: stableUuid(`${serviceId}:at:${location.id}`),
      service_id: serviceId,
      location_id: location.id,
    },
  ];
}

/**
 * The organisation's type as an HSDS attribute: the national code (FINESS category or activity
 * sector, as ROR lists them) when there is one, Maillon's own code otherwise.
 */
export function hsdsOrganisationTypeAttributes(o: TOrganisationRow) {
  const type = o.type as keyof typeof ORGANISATION_TYPES;
  const label = ORGANISATION_TYPES[type]?.fr ?? o.type;
  const coding = ORGANISATION_TYPE_CODINGS[type] ?? null;
  const term = coding
    ? {
        id: stableUuid(`${coding.system}#${coding.code}`),
        code: coding.code,
        name: coding.display,
        description: label,
        taxonomy: coding.system,
      }
    : {
        id: stableUuid(`maillon:organisation-type:${o.type}`),
        code: o.type,
        name: label,
        description: label,
        taxonomy: 'maillon:organisation-type',
      };
  return [
    {
      id: stableUuid(`${o.id}:type`),
      link_id: o.id,
      link_type: 'organization_type',
      link_entity: 'organization',
      taxonomy_term_id: term.id,
      value: o.type,
      taxonomy_term: term,
    },
  ];
}
