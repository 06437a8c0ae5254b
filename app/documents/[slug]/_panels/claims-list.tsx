import type { ClaimOrigin as Origin } from "@/lib/claims/claim-origin";
import { STANCES, type Stance } from "@/lib/claims/claim-kinds";
import { ClaimOrigin } from "./claim-origin";
import { STANCE_LABELS } from "./stances";

/** What the list shows of a claim. */
export interface ListedClaim extends Origin {
  id: string;
  statement: string;
  kind: string;
  date: { value: string; end?: string; precision: string; approximate: boolean } | null;
  section: number;
  evidence: Array<{ stance: Stance; start: number; end: number; passageId: string; passageLabel: string }>;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A claim's normalised date in words: "12 November 1944", "about 1943", "1934–1943". */
function formatDate(date: NonNullable<ListedClaim["date"]>): string {
  const one = (value: string) => {
    const [year, month, day] = value.split("-").map(Number);
    return [day, month ? MONTHS[month - 1] : undefined, year].filter((part) => part !== undefined).join(" ");
  };
  return `${date.approximate ? "about " : ""}${one(date.value)}${date.end ? `–${one(date.end)}` : ""}`;
}

/** A claim's evidence in the order of the text. */
const inTextOrder = (claim: ListedClaim) => [...claim.evidence].sort((a, b) => a.start - b.start || a.end - b.end);

/**
 * The claims beside the text, grouped by section, each a link that chooses it (`?claim=`, which
 * marks its evidence passages); the chosen one lists its evidence. Server-only markup: with
 * JavaScript, claims-panel.tsx answers the same links in place.
 */
export function ClaimsList({
  slug,
  claims,
  sections,
  chosen,
}: {
  slug: string;
  claims: ListedClaim[];
  sections: Array<[number, string]>;
  chosen: string | null;
}) {
  const groups = sections
    .map(([number, title]) => ({ number, title, claims: claims.filter((c) => c.section === number) }))
    .filter((g) => g.claims.length > 0);
  return (
    <>
      <h2 id="claims-heading">
        Claims <span className="legend-count">({claims.length})</span>
      </h2>
      <p className="claims-links">
        <a href={`/documents/${slug}/conflicts`}>Where the text contradicts itself</a> ·{" "}
        <a href={`/documents/${slug}/timeline`}>Timeline</a>
      </p>
      <p className="stance-legend" aria-hidden="true">
        {STANCES.map((s) => (
          <span key={s} className="stance-key" data-stance={s}>
            {STANCE_LABELS[s]}
          </span>
        ))}
      </p>
      {groups.map((group) => (
        <section key={group.number} className="claims-group" aria-label={`Claims: ${group.title}`}>
          <h3>
            {group.number > 0 ? `§${group.number} ` : ""}
            {group.title}
          </h3>
          <ul>
            {group.claims.map((c) => (
              <li key={c.id} className="claim-item" data-chosen={c.id === chosen ? "true" : undefined}>
                <a
                  href={`?claim=${c.id}#${inTextOrder(c)[0]?.passageId ?? ""}`}
                  data-claim={c.id}
                  aria-current={c.id === chosen ? "true" : undefined}
                >
                  {c.statement}
                </a>
                <span className="claim-meta">
                  {c.kind}
                  {c.date ? ` · ${formatDate(c.date)}` : ""} · <ClaimOrigin claim={c} />
                </span>
                {c.id === chosen ? (
                  <ul className="evidence-list" aria-label="Evidence">
                    {inTextOrder(c).map((e) => (
                      <li key={`${e.passageId}-${e.start}`} data-stance={e.stance}>
                        <a href={`#${e.passageId}`}>{e.passageLabel}</a> {STANCE_LABELS[e.stance]}
                      </li>
                    ))}
                    <li>
                      <a href={`/documents/${slug}/claims/${c.id}`}>About this claim</a>
                    </li>
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
