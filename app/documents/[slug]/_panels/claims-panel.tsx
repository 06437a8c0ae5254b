"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { STANCES, type Stance } from "@/lib/claims/claim-kinds";
import { keepInView } from "../_text/keep-in-view";
import { MARKUP_CHANGED } from "../_text/markup-handoff";
import { STANCE_LABELS } from "./stances";
import { rangeFromOffsets } from "../_selection/text-range";

/** What the panel loads of a claim when it is chosen (GET /api/claims/:id). */
export interface ChosenClaim {
  id: string;
  statement: string;
  evidence: Array<{ stance: Stance; start: number; end: number; passageId: string; passageLabel: string }>;
}

const loaded = new Map<string, Promise<ChosenClaim | null>>();

/** A claim with its evidence, loaded once per page. */
function loadClaim(id: string): Promise<ChosenClaim | null> {
  let claim = loaded.get(id);
  if (!claim) {
    claim = fetch(`/api/claims/${encodeURIComponent(id)}`)
      .then((response) => (response.ok ? (response.json() as Promise<ChosenClaim>) : null))
      .catch(() => null);
    loaded.set(id, claim);
  }
  return claim;
}

const countStances = (claim: ChosenClaim) =>
  STANCES.map((s) => [s, claim.evidence.filter((e) => e.stance === s).length] as const).filter(([, n]) => n > 0);

type Evidence = ChosenClaim["evidence"][number];

/** A claim's evidence in the order of the text. */
const inTextOrder = (claim: ChosenClaim | null | undefined): Evidence[] =>
  claim ? [...claim.evidence].sort((a, b) => a.start - b.start || a.end - b.end) : [];

/** Brings a piece of evidence onto the screen and keeps its words there while the page settles. */
function landOn(evidence: Evidence | undefined) {
  if (!evidence) return;
  const target = rangeFromOffsets(document, evidence.start, evidence.end) ?? document.getElementById(evidence.passageId);
  if (target) keepInView(target);
}

/** The list's link that chooses claim `id` (claims-list.tsx). */
const listLink = (id: string) => document.querySelector<HTMLAnchorElement>(`#claims-list a[data-claim="${CSS.escape(id)}"]`);

/**
 * The claims panel's behaviour on the list the server wrote (claims-list.tsx). Choosing a claim
 * (from the list, a passage's margin marker, or by an address with `?claim=`: the timeline, search
 * results, a claim just saved, whose claim the page gives as `chosen`) loads its evidence, highlights every range of it in the text
 * (supporting, contradicting and qualifying ranges look different) and lands on the first in the
 * text; a bar at the foot of the screen steps through the others ("2 of 5"). Without JavaScript
 * the same links reload the page with `?claim=`, which marks the evidence passages.
 */
export function ClaimsPanel({ slug, chosen: given }: { slug: string; chosen: ChosenClaim | null }) {
  const initial = given?.id ?? null;
  // The claim the address chooses comes with the page: it lands at once.
  if (given && !loaded.has(given.id)) loaded.set(given.id, Promise.resolve(given));
  const [chosen, setChosen] = useState<string | null>(initial);
  const [claim, setClaim] = useState<ChosenClaim | null>(null);
  /** Which piece of the chosen claim's evidence (in the order of the text) the reader is at. */
  const [step, setStep] = useState(0);
  const [announcement, setAnnouncement] = useState("");
  const [stepperHost, setStepperHost] = useState<HTMLElement | null>(null);
  const [itemHost, setItemHost] = useState<HTMLElement | null>(null);
  const ordered = useMemo(() => inTextOrder(claim), [claim]);
  /** Lands on the first evidence once the chosen claim has loaded. */
  const landing = useRef(initial !== null);

  // The chosen claim's evidence, loaded when it is chosen.
  useEffect(() => {
    setClaim(null);
    if (!chosen) return;
    let current = true;
    void loadClaim(chosen).then((found) => {
      if (!current) return;
      setClaim(found);
      if (landing.current) landOn(inTextOrder(found)[0]);
      landing.current = false;
    });
    return () => {
      current = false;
    };
  }, [chosen]);

  const choose = useCallback((id: string | null, land: boolean) => {
    setChosen(id);
    setStep(0);
    landing.current = land;
    const url = new URL(window.location.href);
    if (id) url.searchParams.set("claim", id);
    else url.searchParams.delete("claim");
    // The list's link names the claim's first evidence in the text.
    const first = id ? listLink(id)?.hash : "";
    url.hash = first ?? "";
    window.history.pushState({ claim: id }, "", url);
  }, []);

  const go = (index: number) => {
    if (index < 0 || index >= ordered.length) return;
    setStep(index);
    landOn(ordered[index]);
  };

  useEffect(() => setStepperHost(document.querySelector<HTMLElement>("[data-claim-stepper]")), []);

  // The chosen claim's item in the list: marked, its evidence listed in it (in place of the list
  // the server wrote for an address with ?claim=) and, on wide screens where the panel scrolls by
  // itself beside the text, shown in it (the page itself stays on the evidence).
  useEffect(() => {
    const list = document.getElementById("claims-list");
    if (!list) return;
    for (const server of list.querySelectorAll(".evidence-list:not([data-client])")) server.remove();
    for (const item of list.querySelectorAll<HTMLElement>(".claim-item[data-chosen]")) item.removeAttribute("data-chosen");
    for (const link of list.querySelectorAll<HTMLElement>("a[data-claim][aria-current]")) link.removeAttribute("aria-current");
    const link = chosen ? listLink(chosen) : null;
    const item = link?.closest<HTMLElement>(".claim-item") ?? null;
    link?.setAttribute("aria-current", "true");
    item?.setAttribute("data-chosen", "true");
    setItemHost(item);
    const panel = list.closest<HTMLElement>(".claims-panel-inner") ?? list;
    if (!item || panel.scrollHeight <= panel.clientHeight) return;
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
    const mark = () => {
      for (const element of document.querySelectorAll<HTMLElement>(".passage[data-evidence]")) element.removeAttribute("data-evidence");
      const registry = (globalThis.CSS as unknown as { highlights?: Map<string, unknown> } | undefined)?.highlights;
      const HighlightClass = (globalThis as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
      for (const stance of STANCES) registry?.delete(`gloss-${stance}`);
      if (!claim) return;
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
    };
    // The server marked the chosen claim's passages: they stay marked until its evidence has loaded.
    if (claim || !chosen) mark();
    setAnnouncement(
      claim
        ? `${claim.statement} ${countStances(claim)
            .map(([s, n]) => `${n} ${n === 1 ? "passage" : "passages"} ${STANCE_LABELS[s]}`)
            .join(", ")}.`
        : "",
    );
    document.addEventListener(MARKUP_CHANGED, mark);
    return () => document.removeEventListener(MARKUP_CHANGED, mark);
  }, [claim, chosen]);

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

  const evidence =
    claim && claim.id === chosen && itemHost
      ? createPortal(
          <ul className="evidence-list" aria-label="Evidence" data-client="">
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
              <a href={`/documents/${slug}/claims/${claim.id}`}>About this claim</a>{" "}
              <button type="button" onClick={() => choose(null, false)}>
                Clear
              </button>
            </li>
          </ul>,
          itemHost,
        )
      : null;

  return (
    <>
      {stepper}
      {evidence}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
