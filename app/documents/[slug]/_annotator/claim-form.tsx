"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import { calendarDateProblem } from "@/lib/claims/calendar-date";
import { CLAIM_KIND_LABELS, STANCE_LABELS, STANCES } from "@/lib/claims/claim-kinds";
import { getJson, send } from "./annotation-client";
import { failure, Footer, Quoted, useSaving, type FormProps } from "./form-parts";
import styles from "./annotator.module.css";

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
