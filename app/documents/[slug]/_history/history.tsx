// What the pages of a document's history share: how a date of import reads, and how a version is named and linked.

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const TIME = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: "UTC" });

/** A moment as a <time>: the day ("24 November 2026"), with the time in UTC when `withTime`. */
export function When({ at, withTime = false }: { at: Date; withTime?: boolean }) {
  return (
    <time dateTime={at.toISOString()} title={at.toISOString()}>
      {DATE.format(at)}
      {withTime ? `, ${TIME.format(at)} UTC` : null}
    </time>
  );
}

/** The path of a version's page. */
export const versionPath = (slug: string, number: number) => `/documents/${slug}/v/${number}`;

/** The path of a document's list of versions. */
export const versionsPath = (slug: string) => `/documents/${slug}/versions`;

/** A version's content hash, shortened, with the whole hash as its title. */
export function ShortHash({ hash, length = 12 }: { hash: string; length?: number }) {
  return <code title={hash}>{hash.slice(0, length)}</code>;
}
