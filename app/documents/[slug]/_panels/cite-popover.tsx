"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { quotation, quoteLine } from "@/lib/citations/quotation";
import { rangesForOffsets } from "../_selection/offset-range";
import styles from "./cite.module.css";

/** What to cite: a passage, or a range of the plain text (UTF-16 offsets, end exclusive). */
export type CiteTarget = { passage: string } | { start: number; end: number };

/** The detail of the `gloss:cite` event other parts of the reader dispatch on `document`. */
export type CiteEventDetail = CiteTarget;

const FORMATS = [
  { id: "chicago", label: "Chicago" },
  { id: "mla", label: "MLA" },
  { id: "apa", label: "APA" },
  { id: "bibtex", label: "BibTeX" },
  { id: "ris", label: "RIS" },
  { id: "csl-json", label: "CSL-JSON" },
] as const;
type Format = (typeof FORMATS)[number]["id"];
const STYLED = new Set<Format>(["chicago", "mla", "apa"]);

/** The cite API's answer (the parts the popover shows). */
interface Citation {
  format: Format;
  citation: string;
  html?: string;
  short: string;
  style?: string;
  locator: string;
  quote: string;
  permalink: string;
  textFragment: string;
}

/** Puts text on the clipboard, with an HTML version when given; false when the browser refuses. */
async function copy(plain: string, html?: string): Promise<boolean> {
  try {
    if (html && typeof ClipboardItem !== "undefined" && navigator.clipboard?.write) {
      await navigator.clipboard.write([
        new ClipboardItem({
          "text/plain": new Blob([plain], { type: "text/plain" }),
          "text/html": new Blob([html], { type: "text/html" }),
        }),
      ]);
      return true;
    }
  } catch {
    // Some browsers refuse rich clipboard items: fall back to plain text.
  }
  try {
    await navigator.clipboard.writeText(plain);
    return true;
  } catch {
    return false;
  }
}

const targetKey = (target: CiteTarget) =>
  "passage" in target ? `passage=${encodeURIComponent(target.passage)}` : `start=${target.start}&end=${target.end}`;

/**
 * The Cite popover: opened by a passage's Cite button in the margin, or by a `gloss:cite` event
 * on `document` (`detail: { start, end }` for words, `{ passage }` for a passage). It shows the
 * citation in each format from the cite API, the permalink and the text-fragment link, with
 * buttons that copy them and confirm it.
 */
export function CitePopover({ slug }: { slug: string }) {
  const [target, setTarget] = useState<CiteTarget | null>(null);
  const [position, setPosition] = useState<{ top: number; left: number }>({ top: 0, left: 0 });
  const [format, setFormat] = useState<Format>("chicago");
  const [citations, setCitations] = useState<Partial<Record<Format, Citation>>>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const panel = useRef<HTMLDivElement>(null);
  const invoker = useRef<HTMLElement | null>(null);
  const headingId = useId();
  const citation = citations[format];

  const open = useCallback((next: CiteTarget, anchor: DOMRect, from: HTMLElement | null) => {
    invoker.current?.removeAttribute("aria-expanded");
    invoker.current = from ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
    from?.setAttribute("aria-expanded", "true");
    const width = Math.min(28 * 16, document.documentElement.clientWidth - 16);
    setPosition({
      top: anchor.bottom + window.scrollY + 8,
      left: Math.max(8, Math.min(anchor.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8)),
    });
    setCitations({});
    setError(null);
    setStatus("");
    setTarget(next);
  }, []);

  const close = useCallback(() => {
    setTarget(null);
    invoker.current?.removeAttribute("aria-expanded");
    invoker.current?.focus();
  }, []);

  // The margin's Cite buttons (reader-client.tsx) and the selection's Cite (a gloss:cite event).
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const button = (event.target as Element | null)?.closest?.<HTMLElement>("[data-cite-passage]");
      if (!button) return;
      event.preventDefault();
      open({ passage: button.dataset.citePassage ?? "" }, button.getBoundingClientRect(), button);
    };
    const onCite = (event: Event) => {
      const detail = (event as CustomEvent<CiteEventDetail>).detail;
      if (!detail) return;
      if ("passage" in detail && typeof detail.passage === "string") {
        const element = document.getElementById(detail.passage);
        open({ passage: detail.passage }, (element ?? document.body).getBoundingClientRect(), null);
      } else if ("start" in detail && Number.isInteger(detail.start) && Number.isInteger(detail.end)) {
        const ranges = rangesForOffsets(document, detail.start, detail.end);
        const rect = ranges.at(-1)?.getBoundingClientRect() ?? document.body.getBoundingClientRect();
        open({ start: detail.start, end: detail.end }, rect, null);
      }
    };
    document.addEventListener("click", onClick);
    document.addEventListener("gloss:cite", onCite);
    return () => {
      document.removeEventListener("click", onClick);
      document.removeEventListener("gloss:cite", onCite);
    };
  }, [open]);

  // Fetch the citation in the chosen format (once per format for this target).
  useEffect(() => {
    if (!target || citations[format]) return;
    const controller = new AbortController();
    fetch(`/api/documents/${encodeURIComponent(slug)}/cite?${targetKey(target)}&format=${format}`, { signal: controller.signal })
      .then(async (response) => {
        const body = await response.json().catch(() => null);
        if (!response.ok) throw new Error(body?.error?.message ?? `The citation could not be made (${response.status}).`);
        setCitations((all) => ({ ...all, [format]: body as Citation }));
      })
      .catch((reason: Error) => {
        if (reason.name !== "AbortError") setError(reason.message || "The server could not be reached. Try again.");
      });
    return () => controller.abort();
  }, [target, format, citations, slug]);

  // Focus moves into the popover when it opens; Escape or a click outside closes it.
  useEffect(() => {
    if (!target) return;
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") close();
    };
    const onPointer = (event: PointerEvent) => {
      const inside = panel.current?.contains(event.target as Node);
      const onInvoker = (event.target as Element | null)?.closest?.("[data-cite-passage]");
      if (!inside && !onInvoker) {
        setTarget(null);
        invoker.current?.removeAttribute("aria-expanded");
      }
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [target, close]);

  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(""), 5000);
    return () => clearTimeout(timer);
  }, [status]);

  if (!target) return null;

  const confirm = async (what: string, plain: string, html?: string) => {
    setStatus("");
    const copied = await copy(plain, html);
    setStatus(copied ? `${what} copied.` : `${what} could not be copied: select it and copy it yourself.`);
  };
  const isPassage = "passage" in target;

  return createPortal(
    <div
      ref={panel}
      className={styles.popover}
      style={{ top: position.top, left: position.left }}
      role="dialog"
      aria-labelledby={headingId}
      tabIndex={-1}
      data-cite-popover=""
    >
      <div className={styles.header}>
        <h2 id={headingId} className={styles.heading}>
          Cite {citation ? citation.locator : isPassage ? "this passage" : "these words"}
        </h2>
        <button type="button" className={styles.close} onClick={close} aria-label="Close the citation">
          ×
        </button>
      </div>
      {!isPassage && citation ? <blockquote className={styles.quote}>{quoteLine(citation.quote)}</blockquote> : null}
      <fieldset className={styles.formats}>
        <legend className="visually-hidden">Format</legend>
        {FORMATS.map((f) => (
          <label key={f.id} className={styles.format} data-checked={f.id === format ? "" : undefined}>
            <input type="radio" name="cite-format" value={f.id} checked={f.id === format} onChange={() => setFormat(f.id)} />
            {f.label}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      ) : null}
      {citation ? (
        <>
          {STYLED.has(format) ? (
            <div className={styles.citation} data-citation="" aria-label={`${citation.style} citation`} role="region">
              {citation.citation}
            </div>
          ) : (
            <pre className={styles.data} data-citation="" aria-label={`${FORMATS.find((f) => f.id === format)!.label} record`} tabIndex={0}>
              {citation.citation}
            </pre>
          )}
          {citation.style ? <p className={styles.style}>{citation.style}</p> : null}
          <div className={styles.actions}>
            <button type="button" onClick={() => confirm("Citation", citation.citation, citation.html)}>
              Copy citation
            </button>
            <button type="button" onClick={() => confirm("Quotation", quotation(citation).markdown, quotation(citation).html)}>
              Copy as quotation
            </button>
          </div>
          <label className={styles.link}>
            <span>Permalink</span>
            <input type="text" readOnly value={citation.permalink} onFocus={(e) => e.currentTarget.select()} data-permalink="" />
          </label>
          <div className={styles.actions}>
            <button type="button" onClick={() => confirm("Permalink", citation.permalink)}>
              Copy link
            </button>
            <a href={citation.permalink}>Open link</a>
          </div>
          <label className={styles.link}>
            <span>Text-fragment link</span>
            <input type="text" readOnly value={citation.textFragment} onFocus={(e) => e.currentTarget.select()} data-text-fragment="" />
          </label>
        </>
      ) : error ? null : (
        <p className={styles.loading}>Making the citation…</p>
      )}
      <p role="status" className={styles.status} data-cite-status="">
        {status}
      </p>
    </div>,
    document.body,
  );
}
