"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { ClaimOrigin as Origin } from "@/lib/claims/claim-origin";
import { STANCES, type Stance } from "@/lib/claims/claim-kinds";
import { ClaimOrigin } from "./claim-origin";
import { keepInView } from "../_text/keep-in-view";
import { rangeFromOffsets } from "../_selection/text-range";

/** What the panel needs of a claim. */
export interface PanelClaim extends Origin {
  id: string;
  statement: string;
  kind: string;
  date: { value: string; end?: string; precision: string; approximate: boolean } | null;
  section: number;
  evidence: Array<{ stance: Stance; start: number; end: number; passageId: string; passageLabel: string }>;
}

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

type Evidence = PanelClaim["evidence"][number];

/** A claim's evidence in the order of the text. */
const inTextOrder = (claim: PanelClaim | undefined): Evidence[] =>
  claim ? [...claim.evidence].sort((a, b) => a.start - b.start || a.end - b.end) : [];

/** Brings a piece of evidence onto the screen and keeps its words there while the page settles. */
function landOn(evidence: Evidence | undefined) {
  if (!evidence) return;
  const target = rangeFromOffsets(document, evidence.start, evidence.end) ?? document.getElementById(evidence.passageId);
  if (target) keepInView(target);
}

/**
 * The claims beside the text, grouped by section. Choosing one (here, from a passage's margin
 * marker, or by an address with `?claim=`: the timeline, search results, a claim just saved)
 * highlights every range of its evidence in the text (supporting, contradicting and qualifying
 * ranges look different) and lands on the first in the text; a bar at the foot of the screen steps
 * through the others ("2 of 5"). Without JavaScript the same links reload the page with
 * `?claim=`, which marks the evidence passages.
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
  /** Which piece of the chosen claim's evidence (in the order of the text) the reader is at. */
  const [step, setStep] = useState(0);
  const [announcement, setAnnouncement] = useState("");
  const [stepperHost, setStepperHost] = useState<HTMLElement | null>(null);
  const claim = claims.find((c) => c.id === chosen) ?? null;
  const ordered = useMemo(() => inTextOrder(claim ?? undefined), [claim]);

  const choose = useCallback(
    (id: string | null, land: boolean) => {
      setChosen(id);
      setStep(0);
      const url = new URL(window.location.href);
      if (id) url.searchParams.set("claim", id);
      else url.searchParams.delete("claim");
      const first = inTextOrder(claims.find((c) => c.id === id))[0];
      url.hash = first ? first.passageId : "";
      window.history.pushState({ claim: id }, "", url);
      if (land) landOn(first);
    },
    [claims],
  );

  const go = (index: number) => {
    if (index < 0 || index >= ordered.length) return;
    setStep(index);
    landOn(ordered[index]);
  };

  // An address with ?claim= lands on the claim's first evidence in the text, however far down.
  const landed = useRef(false);
  useEffect(() => {
    if (landed.current) return;
    landed.current = true;
    landOn(inTextOrder(claims.find((c) => c.id === initial))[0]);
  }, [claims, initial]);

  useEffect(() => setStepperHost(document.querySelector<HTMLElement>("[data-claim-stepper]")), []);

  // On wide screens the panel scrolls by itself beside the text: show the chosen claim in it (the
  // page itself stays on the evidence). Elsewhere the panel does not scroll, and this does nothing.
  const inner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const panel = inner.current;
    const item = panel?.querySelector<HTMLElement>(".claim-item[data-chosen]");
    if (!panel || !item || panel.scrollHeight <= panel.clientHeight) return;
    const offset = item.getBoundingClientRect().top - panel.getBoundingClientRect().top;
    if (offset < 0 || offset + item.offsetHeight > panel.clientHeight) panel.scrollTop += offset - 16;
  }, [chosen]);

  // Links that choose a claim: the panel's and the passages' margin markers.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>("a[data-claim]");
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      choose(link.dataset.claim ?? null, true);
    };
    const onPop = () => {
      setChosen(new URL(window.location.href).searchParams.get("claim"));
      setStep(0);
    };
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

  const at = ordered[step];
  const stepper =
    claim && at && stepperHost
      ? createPortal(
          <div className="claim-stepper" role="group" aria-label="Evidence for the chosen claim">
            <p className="claim-stepper-claim" title={claim.statement}>
              {claim.statement}
            </p>
            <div className="claim-stepper-controls">
              <button type="button" aria-label="Previous evidence" aria-disabled={step === 0 || undefined} onClick={() => go(step - 1)}>
                ←
              </button>
              <p className="claim-stepper-status" role="status" aria-live="polite">
                Evidence {step + 1} of {ordered.length}: {at.passageLabel}, {STANCE_LABELS[at.stance]}
              </p>
              <button
                type="button"
                aria-label="Next evidence"
                aria-disabled={step === ordered.length - 1 || undefined}
                onClick={() => go(step + 1)}
              >
                →
              </button>
              <button type="button" onClick={() => choose(null, false)}>
                Clear claim
              </button>
            </div>
          </div>,
          stepperHost,
        )
      : null;

  return (
    <aside className="claims-panel" aria-labelledby="claims-heading">
      {stepper}
      <div className="claims-panel-inner" ref={inner}>
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
                      {ordered.map((e, index) => (
                        <li key={`${e.passageId}-${e.start}`} data-stance={e.stance}>
                          <a
                            href={`#${e.passageId}`}
                            aria-current={index === step ? "step" : undefined}
                            onClick={(event) => {
                              if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                              event.preventDefault();
                              go(index);
                            }}
                          >
                            {e.passageLabel}
                          </a>{" "}
                          {STANCE_LABELS[e.stance]}
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
