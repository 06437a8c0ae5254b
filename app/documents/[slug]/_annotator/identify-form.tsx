"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { ENTITY_KIND_NAMES, ENTITY_KINDS } from "@/lib/entities/entity-kinds";
import { kwicLine } from "@/lib/entities/kwic";
import type { TextRange } from "@/lib/text-model/text-range";
import { annotationOn, createAnnotation, getJson, send, type Note } from "./annotation-client";
import { failure, Footer, Quoted, type FormProps } from "./form-parts";
import styles from "./annotator.module.css";

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
