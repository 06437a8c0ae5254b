/** The kinds of entity, in the order the reader lists them. */
export const ENTITY_KINDS = ["person", "place", "organization", "group", "event", "work"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Plural headings for indexes and the legend. */
export const ENTITY_KIND_LABELS: Record<EntityKind, string> = {
  person: "People",
  place: "Places",
  organization: "Organisations",
  group: "Groups",
  event: "Events",
  work: "Documents and works",
};

/** Singular names for entity cards. */
export const ENTITY_KIND_NAMES: Record<EntityKind, string> = {
  person: "Person",
  place: "Place",
  organization: "Organisation",
  group: "Group",
  event: "Event",
  work: "Document or work",
};
