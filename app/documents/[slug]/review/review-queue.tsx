"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ENTITY_KINDS, ENTITY_KIND_LABELS, ENTITY_KIND_NAMES, type EntityKind } from "@/lib/entities/entity-kinds";
import type { ProposalView, ReviewAction } from "@/lib/entities/review-proposals";
import { kwicLine } from "@/lib/entities/kwic";
import { failureMessage, getJson, send } from "../_annotator/annotation-client";
import { groupProposals, mentionCount, type GroupOrigin, type ProposalGroup } from "./group-proposals";
import { EntitySearch } from "./entity-search";
import styles from "./review.module.css";

const ORIGIN_TEXT: Record<GroupOrigin, string> = {
  known: "a known entity",
  spelling: "another spelling of a known entity",
  new: "a new name",
};

/** The keys of the queue, for its help. */
const KEYS: Array<[string, string]> = [
  ["j or ↓", "next group"],
  ["k or ↑", "previous group"],
  ["a", "accept the group"],
  ["r", "reject the group"],
  ["Enter", "show or hide its mentions"],
  ["u or Ctrl+Z", "undo the last action"],
  ["?", "show or hide these keys"],
];

/** Whether a key pressed in `target` is typing (a text field, a list box, editable text), which the queue's keys leave alone. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
}

/**
 * The review queue's list: the pending proposals grouped by the entity they name, most sure first,
 * each group with its mentions in context, and the actions on them. Every action is one request;
 * the list is then read again and a polite live region says what happened, with Undo.
 */
export function ReviewQueue({
  slug,
  initial,
  passageLabels,
}: {
  slug: string;
  initial: ProposalView[];
  passageLabels: Record<string, string>;
}) {
  const [proposals, setProposals] = useState(initial);
  const [kind, setKind] = useState<EntityKind | "all">("all");
  const [focused, setFocused] = useState<string | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [forMerge, setForMerge] = useState<ReadonlySet<string>>(new Set());
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [linking, setLinking] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [showKeys, setShowKeys] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  /** What each action of this visit said, to say what an undo took back. */
  const said = useRef<string[]>([]);
  const elements = useRef(new Map<string, HTMLElement>());
  /** After an action, focus goes back to the list at this place (the group there now). */
  const refocus = useRef<number | null>(null);

  const groups = useMemo(() => groupProposals(proposals), [proposals]);
  const shown = useMemo(() => (kind === "all" ? groups : groups.filter((g) => g.kind === kind)), [groups, kind]);
  const kindCounts = useMemo(() => {
    const counts = new Map<EntityKind, number>();
    for (const g of groups) counts.set(g.kind, (counts.get(g.kind) ?? 0) + 1);
    return counts;
  }, [groups]);
  const shownMentions = shown.reduce((sum, g) => sum + g.proposals.length, 0);
  const current = shown.find((g) => g.group === focused) ?? shown[0] ?? null;

  const focusGroup = useCallback((group: ProposalGroup | undefined) => {
    if (!group) return;
    setFocused(group.group);
    elements.current.get(group.group)?.focus();
  }, []);

  useEffect(() => {
    if (refocus.current === null) return;
    const at = Math.min(refocus.current, shown.length - 1);
    refocus.current = null;
    if (at >= 0) focusGroup(shown[at]);
  }, [shown, focusGroup]);

  /** Sends one review action, reads the list again, and says `done` (a function of how many proposals changed). */
  const run = useCallback(
    async (action: ReviewAction, done: (changed: number) => string) => {
      if (busy) return;
      setBusy(true);
      const place = current ? shown.indexOf(current) : 0;
      const inList = !!document.activeElement?.closest("[data-review-list]");
      try {
        const result = await send<{ changed: number }>(
          `/api/documents/${encodeURIComponent(slug)}/proposals/review`,
          "POST",
          action,
          "The review failed",
        );
        const text = action.action === "undo" ? `Undone: ${said.current.pop() ?? "the last action"}` : done(result.changed);
        if (action.action !== "undo") said.current.push(text);
        const fresh = await getJson<{ proposals: ProposalView[] }>(
          `/api/documents/${encodeURIComponent(slug)}/proposals`,
          "The list could not be read",
        );
        const ids = new Set(fresh.proposals.map((p) => p.id));
        const groupsNow = new Set(fresh.proposals.map((p) => p.group));
        setChosen((old) => new Set([...old].filter((id) => ids.has(id))));
        setForMerge((old) => new Set([...old].filter((g) => groupsNow.has(g))));
        setLinking(null);
        setConfirming(false);
        if (inList) refocus.current = place;
        setProposals(fresh.proposals);
        setMessage(text);
      } catch (error) {
        setMessage(failureMessage(error));
      } finally {
        setBusy(false);
      }
    },
    [busy, current, shown, slug],
  );

  const acceptGroup = (g: ProposalGroup) =>
    run({ action: "accept", groups: [g.group] }, (n) => `${capitalised(mentionCount(n))} of ${g.name} accepted.`);
  const rejectGroup = (g: ProposalGroup) =>
    run({ action: "reject", groups: [g.group] }, (n) => `${capitalised(mentionCount(n))} of ${g.name} rejected.`);
  const undo = useCallback(() => run({ action: "undo" }, () => ""), [run]);

  // The queue's keys, wherever focus is but in a field being typed in.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target)) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "z") {
        event.preventDefault();
        void undo();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const at = current ? shown.indexOf(current) : -1;
      const inGroup = (event.target as HTMLElement | null)?.closest?.("[data-group]");
      switch (event.key) {
        case "j":
        case "ArrowDown":
          // Before any group has focus, the first one takes it.
          focusGroup(shown[inGroup || at < 0 ? Math.min(at + 1, shown.length - 1) : at]);
          break;
        case "k":
        case "ArrowUp":
          focusGroup(shown[Math.max(at - 1, 0)]);
          break;
        case "a":
          if (current) void acceptGroup(current);
          break;
        case "r":
          if (current) void rejectGroup(current);
          break;
        case "u":
          void undo();
          break;
        case "?":
          setShowKeys((on) => !on);
          break;
        case "Escape":
          if (!showKeys) return;
          setShowKeys(false);
          break;
        case "Enter":
          // Only on the group itself: on its buttons and links, Enter is theirs.
          if (!(event.target instanceof HTMLElement) || event.target.dataset.group === undefined || !current) return;
          toggleOpen(current.group);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  });

  const toggleOpen = (group: string) =>
    setOpen((old) => {
      const next = new Set(old);
      if (!next.delete(group)) next.add(group);
      return next;
    });
  const toggleIn = (set: (f: (old: ReadonlySet<string>) => ReadonlySet<string>) => void, key: string, on: boolean) =>
    set((old) => {
      const next = new Set(old);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const mergeChosen = shown.filter((g) => forMerge.has(g.group));
  const merge = () => {
    const [into, ...rest] = mergeChosen;
    void run(
      { action: "merge", groups: [into.group, ...rest.map((g) => g.group)] },
      () => `${rest.map((g) => g.name).join(", ")} merged into ${into.name}.`,
    );
  };
  const acceptAll = () => {
    const everything = kind === "all";
    void run(
      everything ? { action: "accept", all: true } : { action: "accept", groups: shown.map((g) => g.group) },
      (n) => `${capitalised(mentionCount(n))} in ${shown.length === 1 ? "1 group" : `${shown.length} groups`} accepted.`,
    );
  };

  return (
    <div className={styles.queue}>
      <p className={styles.counts} data-review-counts="">
        <span data-count="groups">{groups.length === 1 ? "1 name" : `${groups.length} names`}</span> waiting for review, in{" "}
        <span data-count="mentions">{mentionCount(proposals.length)}</span>.
      </p>
      <div className={styles.status} role="status" data-review-status="">
        {message ? (
          <>
            {message}{" "}
            {said.current.length > 0 && !busy ? (
              <button type="button" className={styles.link} onClick={() => void undo()}>
                Undo
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      <div className={styles.toolbar}>
        <label className={styles.filter}>
          Kind{" "}
          <select value={kind} onChange={(e) => setKind(e.target.value as EntityKind | "all")}>
            <option value="all">All kinds ({groups.length})</option>
            {ENTITY_KINDS.filter((k) => kindCounts.has(k)).map((k) => (
              <option key={k} value={k}>
                {ENTITY_KIND_LABELS[k]} ({kindCounts.get(k)})
              </option>
            ))}
          </select>
        </label>
        {confirming ? (
          <span className={styles.confirm}>
            Accept {mentionCount(shownMentions)} in {shown.length === 1 ? "1 group" : `${shown.length} groups`}?{" "}
            <button type="button" className={styles.primary} onClick={acceptAll} disabled={busy} autoFocus>
              Yes, accept them
            </button>{" "}
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className={styles.primary} onClick={() => setConfirming(true)} disabled={shown.length === 0 || busy}>
            {kind === "all" ? "Accept all" : `Accept all ${ENTITY_KIND_LABELS[kind].toLowerCase()}`}
          </button>
        )}
        <button type="button" onClick={merge} disabled={mergeChosen.length < 2 || busy}>
          Merge{mergeChosen.length >= 2 ? ` ${mergeChosen.length} chosen groups` : ""}
        </button>
        <button type="button" onClick={() => void undo()} disabled={busy}>
          Undo
        </button>
        <button type="button" aria-expanded={showKeys} aria-controls="review-keys" onClick={() => setShowKeys((on) => !on)}>
          Keys
        </button>
      </div>
      <dl id="review-keys" className={styles.keys} hidden={!showKeys} aria-label="Keys of the review queue">
        {KEYS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      {shown.length === 0 ? (
        <p className={styles.empty}>
          {proposals.length === 0 ? "Every proposed name has been reviewed." : "No proposed name of this kind."}
        </p>
      ) : (
        <ol className={styles.groups} aria-label="Proposed names, most sure first" data-review-list="">
          {shown.map((g) => {
            const isOpen = open.has(g.group);
            const chosenHere = g.proposals.filter((p) => chosen.has(p.id));
            const headingId = `group-${encodeURIComponent(g.group)}`;
            return (
              <li key={g.group}>
                <article
                  ref={(element) => {
                    if (element) elements.current.set(g.group, element);
                    else elements.current.delete(g.group);
                  }}
                  className={styles.group}
                  data-group={g.group}
                  data-kind={g.kind}
                  tabIndex={g === current ? 0 : -1}
                  aria-labelledby={headingId}
                  // Focus anywhere in a group (Tab to one of its buttons, say) makes it the one the keys act on.
                  onFocus={() => setFocused(g.group)}
                >
                  <header className={styles.groupHead}>
                    <h2 id={headingId} className={styles.name}>
                      <span className="swatch" data-kind={g.kind} aria-hidden="true" />
                      {g.name}
                    </h2>
                    <p className={styles.about}>
                      {ENTITY_KIND_NAMES[g.kind]}, {ORIGIN_TEXT[g.origin]} · {mentionCount(g.proposals.length)}
                      {g.spellings.length > 0 ? (
                        <>
                          {" "}
                          · written{" "}
                          {g.spellings.map((s, i) => (
                            <span key={s}>
                              {i > 0 ? ", " : ""}“{s}”
                            </span>
                          ))}
                        </>
                      ) : null}
                    </p>
                  </header>
                  <div className={styles.actions}>
                    <button type="button" className={styles.primary} onClick={() => void acceptGroup(g)} disabled={busy}>
                      Accept group
                    </button>
                    <button type="button" onClick={() => void rejectGroup(g)} disabled={busy}>
                      Reject group
                    </button>
                    <button
                      type="button"
                      aria-expanded={linking === g.group}
                      onClick={() => setLinking(linking === g.group ? null : g.group)}
                      disabled={busy}
                    >
                      {chosenHere.length > 0 ? `Link ${chosenHere.length} chosen to…` : "Link to…"}
                    </button>
                    <button type="button" aria-expanded={isOpen} onClick={() => toggleOpen(g.group)}>
                      {isOpen ? "Hide mentions" : "Show mentions"}
                    </button>
                    <label className={styles.check}>
                      <input
                        type="checkbox"
                        checked={forMerge.has(g.group)}
                        onChange={(e) => toggleIn(setForMerge, g.group, e.target.checked)}
                      />
                      Choose to merge
                    </label>
                  </div>
                  {linking === g.group ? (
                    <EntitySearch
                      label={chosenHere.length > 0 ? `Link ${mentionCount(chosenHere.length)} of ${g.name} to` : `Link ${g.name} to`}
                      onChoose={(entity) =>
                        void run(
                          chosenHere.length > 0
                            ? { action: "link", ids: chosenHere.map((p) => p.id), entityId: entity.id }
                            : { action: "link", groups: [g.group], entityId: entity.id },
                          (n) => `${capitalised(mentionCount(n))} of ${g.name} linked to ${entity.name}.`,
                        )
                      }
                      onCancel={() => setLinking(null)}
                    />
                  ) : null}
                  {isOpen ? (
                    <>
                      <ul className={styles.mentions} aria-label={`Mentions of ${g.name}`}>
                        {g.proposals.map((p) => {
                          const line = kwicLine(p.prefix, p.exact, p.suffix);
                          const where = passageLabels[p.passageId] ?? "passage";
                          return (
                            <li key={p.id} className={styles.mention} data-proposal={p.id}>
                              <label className={styles.check}>
                                <input
                                  type="checkbox"
                                  checked={chosen.has(p.id)}
                                  onChange={(e) => toggleIn(setChosen, p.id, e.target.checked)}
                                />
                                <span className="visually-hidden">
                                  Choose “{p.exact}” in {where}
                                </span>
                              </label>
                              <span className={styles.kwic}>
                                {line.moreBefore ? "…" : ""}
                                {line.before}
                                <mark>{line.exact}</mark>
                                {line.after}
                                {line.moreAfter ? "…" : ""}
                              </span>
                              <a className={styles.where} href={`/documents/${slug}#${p.passageId}`}>
                                {where}
                              </a>
                              <span className={styles.mentionActions}>
                                <button
                                  type="button"
                                  onClick={() =>
                                    void run({ action: "accept", ids: [p.id] }, () => `“${p.exact}” in ${where} accepted as ${g.name}.`)
                                  }
                                  disabled={busy}
                                >
                                  Accept
                                </button>
                                <button
                                  type="button"
                                  onClick={() => void run({ action: "reject", ids: [p.id] }, () => `“${p.exact}” in ${where} rejected.`)}
                                  disabled={busy}
                                >
                                  Reject
                                </button>
                              </span>
                            </li>
                          );
                        })}
                      </ul>
                      <p className={styles.actions}>
                        <button
                          type="button"
                          onClick={() =>
                            void run(
                              { action: "split", ids: chosenHere.map((p) => p.id) },
                              (n) => `${capitalised(mentionCount(n))} split off ${g.name}.`,
                            )
                          }
                          disabled={busy || chosenHere.length === 0 || chosenHere.length === g.proposals.length}
                        >
                          Split {chosenHere.length > 0 ? `${chosenHere.length} chosen` : "chosen"} off
                        </button>
                      </p>
                    </>
                  ) : null}
                </article>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
