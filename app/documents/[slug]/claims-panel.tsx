"use client";

import { useCallback, useEffect, useState } from "react";
import { rangeFromOffsets } from "./text-range";

type Stance = "supports" | "contradicts" | "qualifies";

/** What the panel needs of a claim. */
export interface PanelClaim {
  id: string;
  statement: string;
  kind: string;
  date: { value: string; end?: string; precision: string; approximate: boolean } | null;
  section: number;
  evidence: Array<{ stance: Stance; start: number; end: number; passageId: string; passageLabel: string }>;
}

const STANCES: Stance[] = ["supports", "contradicts", "qualifies"];
const STANCE_LABELS: Record<Stance, string> = { supports: "supports", contradicts: "contradicts", qualifies: "qualifies" };
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A claim's normalised date in words: "12 November 1944", "about 1943", "1934–1943". */
function formatDate(date: NonNullable<PanelClaim["date"]>): string {
  const one = (value: string) => {
    const [year, month, day] = value.split("-").map(Number);
    return [day, month ? MONTHS[month - 1] : undefined, year].filter((part) => part !== undefined).join(" ");
  };
  return `${date.approximate ? "about " : ""}${one(date.value)}${date.end ? `–${one(date.end)}` : ""}`;
}

const countStances = (claim: PanelClaim) =>
  STANCES.map((s) => [s, claim.evidence.filter((e) => e.stance === s).length] as const).filter(([, n]) => n > 0);

/**
 * The claims beside the text, grouped by section. Choosing one (here or from a passage's margin
 * marker) highlights every range of its evidence in the text (supporting, contradicting and
 * qualifying ranges look different) and scrolls to the first. Without JavaScript the same links
 * reload the page with `?claim=`, which marks the evidence passages.
 */
export function ClaimsPanel({
  slug,
  claims,
  sections,
  chosen: initial,
}: {
  slug: string;
  claims: PanelClaim[];
  sections: Array<[number, string]>;
  chosen: string | null;
}) {
  const [chosen, setChosen] = useState<string | null>(initial);
  const [announcement, setAnnouncement] = useState("");
  const claim = claims.find((c) => c.id === chosen) ?? null;

  const choose = useCallback(
    (id: string | null, scroll: boolean) => {
      setChosen(id);
      const url = new URL(window.location.href);
      if (id) url.searchParams.set("claim", id);
      else url.searchParams.delete("claim");
      const next = claims.find((c) => c.id === id);
      url.hash = next?.evidence[0] ? next.evidence[0].passageId : "";
      window.history.pushState({ claim: id }, "", url);
      if (next && scroll)
        document.getElementById(next.evidence[0]?.passageId ?? "")?.scrollIntoView({ block: "center", behavior: "smooth" });
    },
    [claims],
  );

  // Links that choose a claim: the panel's and the passages' margin markers.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>("a[data-claim]");
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      choose(link.dataset.claim ?? null, true);
    };
    const onPop = () => setChosen(new URL(window.location.href).searchParams.get("claim"));
    document.addEventListener("click", onClick);
    window.addEventListener("popstate", onPop);
    return () => {
      document.removeEventListener("click", onClick);
      window.removeEventListener("popstate", onPop);
    };
  }, [choose]);

  // Mark the evidence: exact ranges through the CSS Custom Highlight API, passages by attribute.
  useEffect(() => {
    for (const element of document.querySelectorAll<HTMLElement>(".passage[data-evidence]")) element.removeAttribute("data-evidence");
    const registry = (globalThis.CSS as unknown as { highlights?: Map<string, unknown> } | undefined)?.highlights;
    const HighlightClass = (globalThis as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
    for (const stance of STANCES) registry?.delete(`gloss-${stance}`);
    if (!claim) {
      setAnnouncement("");
      return;
    }
    for (const stance of STANCES) {
      const ranges = claim.evidence
        .filter((e) => e.stance === stance)
        .map((e) => rangeFromOffsets(document, e.start, e.end))
        .filter((r): r is Range => r !== null);
      if (registry && HighlightClass && ranges.length > 0) registry.set(`gloss-${stance}`, new HighlightClass(...ranges));
    }
    for (const e of claim.evidence) {
      const passage = document.getElementById(e.passageId);
      if (!passage) continue;
      const current = passage.getAttribute("data-evidence");
      passage.setAttribute("data-evidence", current && current !== e.stance ? "mixed" : e.stance);
    }
    setAnnouncement(
      `${claim.statement} ${countStances(claim)
        .map(([s, n]) => `${n} ${n === 1 ? "passage" : "passages"} ${STANCE_LABELS[s]}`)
        .join(", ")}.`,
    );
  }, [claim]);

  const groups = sections
    .map(([number, title]) => ({ number, title, claims: claims.filter((c) => c.section === number) }))
    .filter((g) => g.claims.length > 0);

  return (
    <aside className="claims-panel" aria-labelledby="claims-heading">
      <div className="claims-panel-inner">
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
        <p className="visually-hidden" role="status" aria-live="polite">
          {announcement}
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
                    href={`?claim=${c.id}#${c.evidence[0]?.passageId ?? ""}`}
                    data-claim={c.id}
                    aria-current={c.id === chosen ? "true" : undefined}
                  >
                    {c.statement}
                  </a>
                  <span className="claim-meta">
                    {c.kind}
                    {c.date ? ` · ${formatDate(c.date)}` : ""}
                  </span>
                  {c.id === chosen ? (
                    <ul className="evidence-list" aria-label="Evidence">
                      {c.evidence.map((e) => (
                        <li key={`${e.passageId}-${e.start}`} data-stance={e.stance}>
                          <a href={`#${e.passageId}`}>{e.passageLabel}</a> {STANCE_LABELS[e.stance]}
                        </li>
                      ))}
                      <li>
                        <a href={`/documents/${slug}/claims/${c.id}`}>About this claim</a>{" "}
                        <button type="button" onClick={() => choose(null, false)}>
                          Clear
                        </button>
                      </li>
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
