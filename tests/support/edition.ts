/** The seed edition, as the tests know it. */
export const EDITION_SLUG = "second-east-turkistan-republic";

/** Its seven section headings, in order (the opening section has none). */
export const SECTION_TITLES = [
  "Origins of the Second ETR",
  "Formation of the Second ETR",
  "East Turkistan National Army",
  "Soviet Pressure",
  "The Decline of the ETR",
  "The Fall of the ETR",
  "Aftermath",
];
