"use client";

import { useEffect, useId, useState } from "react";
import { ENTITY_KIND_NAMES, type EntityKind } from "@/lib/entities/entity-kinds";
import { failureMessage, getJson } from "../_annotator/annotation-client";
import styles from "./review.module.css";

interface EntityHit {
  id: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
}

/** A search of the registry (GET /api/entities?q=) to choose the entity proposals are linked to. */
export function EntitySearch({
  label,
  onChoose,
  onCancel,
}: {
  label: string;
  onChoose: (entity: EntityHit) => void;
  onCancel: () => void;
}) {
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<EntityHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      getJson<{ entities: EntityHit[] }>(`/api/entities?${new URLSearchParams({ q, limit: "8" })}`, "The search failed")
        .then((r) => {
          if (!live) return;
          setHits(r.entities);
          setError(null);
        })
        .catch((e) => live && setError(failureMessage(e)));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  return (
    <div className={styles.search} role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={`${id}-q`}>
        {label}
      </label>{" "}
      <input
        id={`${id}-q`}
        type="search"
        value={query}
        autoFocus
        autoComplete="off"
        maxLength={200}
        placeholder="Search the known names"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") onCancel();
        }}
      />{" "}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {error ? <p role="alert">{error}</p> : null}
      {hits ? (
        hits.length === 0 ? (
          <p role="status">No known name matches “{query.trim()}”.</p>
        ) : (
          <ul className={styles.hits} aria-label="Known names found">
            {hits.map((hit) => (
              <li key={hit.id}>
                <button type="button" onClick={() => onChoose(hit)}>
                  {hit.name} <span className={styles.muted}>({ENTITY_KIND_NAMES[hit.kind].toLowerCase()})</span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
