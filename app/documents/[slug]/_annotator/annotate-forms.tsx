"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { calendarDateProblem } from "@/lib/claims/calendar-date";
import { CLAIM_KIND_LABELS, STANCE_LABELS, STANCES } from "@/lib/claims/claim-kinds";
import { ENTITY_KIND_NAMES, ENTITY_KINDS } from "@/lib/entities/entity-kinds";
import { kwicLine } from "@/lib/entities/kwic";
import type { TextRange } from "@/lib/text-model/text-range";
import { annotationOn, createAnnotation, getJson, RequestFailed, send, type Note } from "./annotation-client";
import { splitTags } from "./note-view";
import styles from "./annotator.module.css";

interface FormProps {
  slug: string;
  readerPath: string;
  selected: TextRange;
  /**
   * Called once the work is saved, with the annotation made from the selected words (a note to
   * show, or the mention an identification made), which then takes focus, and what to announce.
   */
  onDone: (saved: Note | null, message: string) => void;
  onCancel: () => void;
}

const failure = (e: unknown) => (e instanceof RequestFailed ? e.message : "Something went wrong. Try again.");

/**
 * A form's saving: `save` runs `work` with the form busy and its error cleared; a failure is the
 * form's error, in words, and the form can be sent again. On success the form is left busy: it is
 * about to close.
 */
function useSaving() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(failure(e));
      setBusy(false);
    }
  };
  return { error, setError, busy, setBusy, save };
}

/** The error line and the Save / Cancel buttons every form ends with. */
function Footer({ error, busy, label, onCancel }: { error: string | null; busy: boolean; label: string; onCancel: () => void }) {
  return (
    <>
      <div role="alert" className={styles.error}>
        {error}
      </div>
      <div className={styles.actions}>
        <button type="submit" disabled={busy}>
          {label}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

function VisibilityChoice() {
  return (
    <fieldset className={styles.visibility}>
      <legend>Who can see it</legend>
      <label>
        <input type="radio" name="visibility" value="public" defaultChecked /> Public
      </label>
      <label>
        <input type="radio" name="visibility" value="private" /> Private
      </label>
    </fieldset>
  );
}

const visibilityOf = (data: FormData) => (data.get("visibility") === "private" ? "private" : "public");

function Quoted({ selected }: { selected: TextRange }) {
  return (
    <p className={styles.quote}>
      <q>{selected.exact.length > 160 ? `${selected.exact.slice(0, 157)}…` : selected.exact}</q>
    </p>
  );
}

/** A comment in markdown, public or private. */
export function CommentForm({ slug, readerPath, selected, onDone, onCancel }: FormProps) {
  const { error, setError, busy, save } = useSaving();
  const id = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = String(data.get("comment") ?? "");
    if (!value.trim()) return setError("Write a comment first.");
    void save(async () => {
      const body = { type: "TextualBody", value, format: "text/markdown" };
      const created = await createAnnotation(
        slug,
        annotationOn(readerPath, selected, "commenting", body, visibilityOf(data)),
        "The comment could not be saved",
      );
      onDone(created, "Comment saved.");
    });
  }
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Comment on the selected words">
      <label htmlFor={`${id}-comment`}>Comment</label>
      <textarea id={`${id}-comment`} name="comment" rows={4} maxLength={10000} autoFocus required aria-describedby={`${id}-hint`} />
      <span id={`${id}-hint`} className={styles.hint}>
        Markdown: *emphasis*, **strong**, [links](https://…), lists.
      </span>
      <VisibilityChoice />
      <Footer error={error} busy={busy} label="Save" onCancel={onCancel} />
    </form>
  );
}

/** Tags (comma-separated), public or private. */
export function TagForm({ slug, readerPath, selected, onDone, onCancel }: FormProps) {
  const { error, setError, busy, save } = useSaving();
  const id = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const tags = splitTags(String(data.get("tags") ?? ""));
    if (tags.length === 0) return setError("Give at least one tag.");
    void save(async () => {
      const body = tags.map((value) => ({ type: "TextualBody", purpose: "tagging", value }));
      const created = await createAnnotation(
        slug,
        annotationOn(readerPath, selected, "tagging", body, visibilityOf(data)),
        "The tags could not be saved",
      );
      onDone(created, tags.length === 1 ? "Tag saved." : `${tags.length} tags saved.`);
    });
  }
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Tag the selected words">
      <label htmlFor={`${id}-tags`}>Tags</label>
      <input id={`${id}-tags`} name="tags" autoFocus required maxLength={1000} aria-describedby={`${id}-hint`} />
      <span id={`${id}-hint`} className={styles.hint}>
        Separate tags with commas, e.g. “date, uncertain”.
      </span>
      <VisibilityChoice />
      <Footer error={error} busy={busy} label="Save tags" onCancel={onCancel} />
    </form>
  );
}

interface EntityHit {
  id: string;
  name: string;
  kind: string;
  description: string;
  aliases: string[];
  mentions?: number;
}

/** Another place the text names the entity (GET …/entities/:id/occurrences). */
interface Occurrence extends TextRange {
  passageId: string;
  passageLabel: string;
  /** The alias matcher links it to the entity, as it did the curated mentions. */
  proposed: boolean;
  /** Why the edition's curators did not link it, when they did not. */
  unlinked?: string;
}

/**
 * The entity's other occurrences, each with its passage and the words around it, to mark with it.
 * Only those the alias matcher links are ticked at first: the same words are often something else
 * ("Soviet setbacks" is an adjective, "Soviet Pressure" a heading), and each mark is public.
 */
function OccurrenceChoices({ occurrences }: { occurrences: Occurrence[] }) {
  const [picked, setPicked] = useState(() => new Set(occurrences.flatMap((o, i) => (o.proposed ? [i] : []))));
  const all = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (all.current) all.current.indeterminate = picked.size > 0 && picked.size < occurrences.length;
  }, [picked, occurrences.length]);
  const toggle = (index: number, on: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (on) next.add(index);
      else next.delete(index);
      return next;
    });
  return (
    <fieldset className={styles.occurrences}>
      <legend>Mark these too</legend>
      {occurrences.length > 1 ? (
        <label className={styles.selectAll}>
          <input
            ref={all}
            type="checkbox"
            checked={picked.size === occurrences.length}
            onChange={(e) => setPicked(e.target.checked ? new Set(occurrences.map((_, i) => i)) : new Set())}
          />{" "}
          Select all
        </label>
      ) : null}
      {occurrences.map((o, i) => {
        const line = kwicLine(o.prefix, o.exact, o.suffix);
        return (
          <label key={o.start} className={styles.occurrence} data-occurrence={o.start}>
            <input type="checkbox" name="occurrence" value={i} checked={picked.has(i)} onChange={(e) => toggle(i, e.target.checked)} />
            <span>
              <span className={styles.occurrenceLabel}>{o.passageLabel}</span> {line.moreBefore ? "…" : ""}
              {line.before}
              <mark>{line.exact}</mark>
              {line.after}
              {line.moreAfter ? "…" : ""}
              {o.unlinked ? <span className={styles.hint}> Not linked in the edition: {o.unlinked}</span> : null}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

/**
 * Identify the words as an entity: search the known ones (or create one), link the words to it,
 * then offer the entity's other occurrences, in context, to mark at once (those the alias matcher
 * links ticked, the others not).
 * Identifications are public: they join the shared index of names.
 */
export function IdentifyForm({ slug, readerPath, selected, onDone, onCancel }: FormProps) {
  const [query, setQuery] = useState(selected.exact);
  const [hits, setHits] = useState<EntityHit[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [chosen, setChosen] = useState<EntityHit | null>(null);
  /** The identifying annotation made on the selected words. */
  const [mention, setMention] = useState<Note | null>(null);
  const [occurrences, setOccurrences] = useState<Occurrence[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    if (creating || chosen) return;
    const q = query.trim();
    if (!q) {
      setHits([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      getJson<{ entities: EntityHit[] }>(`/api/entities?${new URLSearchParams({ q, limit: "8" })}`, "The search failed")
        .then((r) => live && setHits(r.entities))
        .catch((e) => live && setError(failure(e)));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, creating, chosen]);

  async function link(entity: EntityHit) {
    setBusy(true);
    setError(null);
    try {
      const body = {
        type: "SpecificResource",
        purpose: "identifying",
        source: `${window.location.origin}/entities/${encodeURIComponent(entity.id)}`,
      };
      const made = await createAnnotation(
        slug,
        annotationOn(readerPath, selected, "identifying", body),
        "The words could not be identified",
      );
      setChosen(entity);
      setMention(made);
      const found = await getJson<{ occurrences: Occurrence[] }>(
        `/api/documents/${encodeURIComponent(slug)}/entities/${encodeURIComponent(entity.id)}/occurrences`,
        "The other occurrences could not be found",
      );
      const others = found.occurrences.filter((o) => o.end <= selected.start || o.start >= selected.end);
      if (others.length === 0) onDone(made, `Marked as ${entity.name}.`);
      else setOccurrences(others);
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  }

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    if (!name) return setError("Give the entity a name.");
    const aliases = name === selected.exact.trim() ? [] : [selected.exact.trim()];
    setBusy(true);
    setError(null);
    try {
      const entity = await send<EntityHit>(
        "/api/entities",
        "POST",
        { kind: String(data.get("kind")), name, aliases, description: String(data.get("description") ?? "").trim() },
        "The entity could not be created",
      );
      setCreating(false);
      setBusy(false);
      await link(entity);
    } catch (e) {
      setError(failure(e));
      setBusy(false);
    }
  }

  async function markOthers(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen || !occurrences) return;
    const picked = new FormData(event.currentTarget).getAll("occurrence").map(Number);
    if (picked.length === 0) return onDone(mention, `Marked as ${chosen.name}.`);
    setBusy(true);
    setError(null);
    try {
      const source = `${window.location.origin}/entities/${encodeURIComponent(chosen.id)}`;
      const items = picked.map((i) =>
        annotationOn(readerPath, occurrences[i], "identifying", { type: "SpecificResource", purpose: "identifying", source }),
      );
      const report = await send<{ imported: number; failed: unknown[] }>(
        `/api/documents/${encodeURIComponent(slug)}/annotations/import`,
        "POST",
        items,
        "The other occurrences could not be marked",
      );
      const failed = report.failed.length ? `; ${report.failed.length} could not be` : "";
      onDone(
        mention,
        `Marked as ${chosen.name}, with ${report.imported} more ${report.imported === 1 ? "occurrence" : "occurrences"}${failed}.`,
      );
    } catch (e) {
      setError(failure(e));
      setBusy(false);
    }
  }

  if (chosen && occurrences) {
    return (
      <form className={styles.form} onSubmit={markOthers} aria-label={`Other occurrences of ${chosen.name}`}>
        <p className={styles.lead}>
          Marked as <strong>{chosen.name}</strong>. The same name occurs {occurrences.length} more{" "}
          {occurrences.length === 1 ? "time" : "times"}. Tick those that name {chosen.name} (each mark is public):
        </p>
        <OccurrenceChoices occurrences={occurrences} />
        <Footer error={error} busy={busy} label="Mark the chosen ones" onCancel={() => onDone(mention, `Marked as ${chosen.name}.`)} />
      </form>
    );
  }

  if (creating) {
    return (
      <form className={styles.form} onSubmit={create} aria-label="A new entity">
        <Quoted selected={selected} />
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} name="name" defaultValue={query.trim() || selected.exact} required maxLength={200} autoFocus />
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} name="kind" defaultValue="person">
          {ENTITY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {ENTITY_KIND_NAMES[kind]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-description`}>Description (optional)</label>
        <textarea id={`${id}-description`} name="description" rows={2} maxLength={2000} />
        <Footer error={error} busy={busy} label="Create and mark" onCancel={() => setCreating(false)} />
      </form>
    );
  }

  return (
    <div className={styles.form} role="group" aria-label="Identify the selected words">
      <Quoted selected={selected} />
      <label htmlFor={`${id}-search`}>Find the person, place or thing</label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        autoFocus
        aria-controls={`${id}-hits`}
        maxLength={200}
      />
      <ul id={`${id}-hits`} className={styles.hits} aria-label="Matching entities" aria-live="polite">
        {(hits ?? []).map((hit) => (
          <li key={hit.id}>
            <button type="button" onClick={() => link(hit)} disabled={busy} data-entity-choice={hit.id}>
              <strong>{hit.name}</strong> <span className={styles.kind}>{hit.kind}</span>
              {hit.description ? <span className={styles.description}>{hit.description}</span> : null}
            </button>
          </li>
        ))}
      </ul>
      {hits && hits.length === 0 && query.trim() ? <p className={styles.hint}>No entity matches “{query.trim()}”.</p> : null}
      <div role="alert" className={styles.error}>
        {error}
      </div>
      <div className={styles.actions}>
        <button type="button" onClick={() => setCreating(true)} disabled={busy}>
          New entity…
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

interface Suggestion {
  passageId: string;
  label?: string;
  start: number;
  end: number;
  exact: string;
  score: number;
}

function StanceSelect({ name, id, defaultValue = "supports" }: { name: string; id: string; defaultValue?: string }): ReactNode {
  return (
    <select id={id} name={name} defaultValue={defaultValue}>
      {STANCES.map((stance) => (
        <option key={stance} value={stance}>
          {STANCE_LABELS[stance]}
        </option>
      ))}
    </select>
  );
}

/**
 * Make a claim from the selected words: the statement, its kind and date, how the words bear on
 * it, and more evidence the finder suggests. Claims are public, like the curated ones.
 */
export function ClaimForm({
  slug,
  selected,
  onClaim,
  onCancel,
}: Pick<FormProps, "slug" | "selected" | "onCancel"> & { onClaim: (id: string) => void }) {
  const [statement, setStatement] = useState("");
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const { error, setError, busy, setBusy, save } = useSaving();
  const id = useId();

  async function suggest() {
    if (!statement.trim()) return setError("Write the claim first: the suggestions search for it.");
    setError(null);
    setBusy(true);
    try {
      const found = await getJson<{ results: Suggestion[] }>(
        `/api/documents/${encodeURIComponent(slug)}/evidence?${new URLSearchParams({ claim: statement, limit: "6" })}`,
        "No suggestions could be found",
      );
      setSuggestions(found.results.filter((r) => r.end <= selected.start || r.start >= selected.end).slice(0, 5));
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    if (!statement.trim()) return setError("Write the claim first.");
    const evidence = [{ start: selected.start, end: selected.end, stance: String(data.get("stance")) }];
    for (const [i, s] of (suggestions ?? []).entries())
      if (data.get(`use-${i}`) === "on") evidence.push({ start: s.start, end: s.end, stance: String(data.get(`stance-${i}`)) });
    const dateValue = String(data.get("date") ?? "").trim();
    // The API refuses the same dates; said here at once, in words, with nothing sent.
    const dateProblem = dateValue ? calendarDateProblem(dateValue) : null;
    if (dateProblem) return setError(`Date: ${dateProblem}.`);
    const precision = dateValue.length === 4 ? "year" : dateValue.length === 7 ? "month" : "day";
    void save(async () => {
      const claim = await send<{ id: string }>(
        `/api/documents/${encodeURIComponent(slug)}/claims`,
        "POST",
        {
          statement: statement.trim(),
          kind: String(data.get("kind")),
          ...(dateValue ? { date: { value: dateValue, precision, approximate: data.get("approximate") === "on" } } : {}),
          evidence,
        },
        "The claim could not be saved",
      );
      onClaim(claim.id);
    });
  }

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Make a claim from the selected words">
      <Quoted selected={selected} />
      <label htmlFor={`${id}-statement`}>Claim</label>
      <textarea
        id={`${id}-statement`}
        name="statement"
        rows={2}
        maxLength={1000}
        required
        autoFocus
        value={statement}
        onChange={(e) => setStatement(e.target.value)}
      />
      <div className={styles.row}>
        <span>
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} name="kind" defaultValue="event">
            {Object.entries(CLAIM_KIND_LABELS).map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        </span>
        <span>
          <label htmlFor={`${id}-stance`}>These words</label>
          <StanceSelect id={`${id}-stance`} name="stance" />
        </span>
      </div>
      <div className={styles.row}>
        <span>
          <label htmlFor={`${id}-date`}>Date (optional)</label>
          <input
            id={`${id}-date`}
            name="date"
            inputMode="numeric"
            pattern="\d{4}(-\d{2}(-\d{2})?)?"
            placeholder="YYYY-MM-DD"
            title="A year (1944), a month (1944-11) or a day (1944-11-12)"
            size={11}
          />
        </span>
        <label className={styles.inline}>
          <input type="checkbox" name="approximate" /> approximate
        </label>
      </div>
      <button type="button" onClick={suggest} disabled={busy}>
        Suggest more evidence
      </button>
      {suggestions ? (
        suggestions.length === 0 ? (
          <p className={styles.hint}>No other passage looks relevant.</p>
        ) : (
          <fieldset className={styles.occurrences}>
            <legend>Other passages that may bear on it</legend>
            {suggestions.map((s, i) => (
              <div key={`${s.start}-${s.end}`} className={styles.suggestion} data-suggestion={s.passageId}>
                <label>
                  <input type="checkbox" name={`use-${i}`} /> <span className={styles.occurrenceLabel}>{s.label ?? s.passageId}</span>{" "}
                  {s.exact.length > 140 ? `${s.exact.slice(0, 137)}…` : s.exact}
                </label>
                <label className={styles.inline}>
                  <span className="visually-hidden">How passage {s.label ?? s.passageId} bears on the claim</span>
                  <StanceSelect id={`${id}-stance-${i}`} name={`stance-${i}`} />
                </label>
              </div>
            ))}
          </fieldset>
        )
      ) : null}
      <p className={styles.hint}>Claims are public: every reader sees them in the claims panel and timeline.</p>
      <Footer error={error} busy={busy} label="Save the claim" onCancel={onCancel} />
    </form>
  );
}
