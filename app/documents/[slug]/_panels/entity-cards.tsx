"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ENTITY_KIND_NAMES } from "@/lib/entities/entity-kinds";
import type { EntityCardView } from "@/lib/entities/queries";
import { entityOfMention, mentionsOf } from "../_text/mention-link";
import { CARD_ENTITIES_EVENT } from "./card-entities";

/** What a card shows of an entity. */
export type CardEntity = EntityCardView;

interface OpenCard {
  entity: CardEntity;
  mention: HTMLAnchorElement;
  /** Opened by a click or tap (stays open, takes focus) rather than by hover or focus. */
  pinned: boolean;
}

/** What a card shows of entity `id`, from the API: the mentions counted are the ones in this page's text. */
async function loadCard(id: string): Promise<CardEntity | null> {
  try {
    const response = await fetch(`/api/entities/${encodeURIComponent(id)}`);
    if (!response.ok) return null;
    const entity = (await response.json()) as Omit<CardEntity, "mentions" | "located"> & { coordinates: unknown };
    const mentions = document.getElementById("text")?.querySelectorAll(mentionsOf(id)).length ?? 0;
    return {
      id: entity.id,
      name: entity.name,
      kind: entity.kind,
      description: entity.description,
      aliases: entity.aliases,
      mentions,
      ...(entity.kind === "place" && entity.coordinates ? { located: true } : {}),
    };
  } catch {
    return null;
  }
}

const mentionOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLAnchorElement>("a.mention") : null);
const kindShown = (kind: string | undefined) =>
  !kind || (document.getElementById(`show-${kind}`) as HTMLInputElement | null)?.checked !== false;

/**
 * Entity cards for the mentions in the text: hovering or focusing a mention shows its entity's
 * card; a click or tap pins the card open and moves focus into it, where previous/next step
 * through the entity's mentions. Escape closes it. No card opens while a button is held (a drag
 * selecting words) nor on a click that leaves words selected (pointer-selection.ts lets a
 * selection start on a name). With JavaScript off a mention is simply a link to the entity's page.
 * (The legend's memory and the mentions' aria-haspopup are names-legend-memory.ts's.) A card's entity is `entities`' (a version's page
 * gives them), or else loaded when its card first opens.
 */
export function EntityCards({ entities }: { entities?: CardEntity[] }) {
  const [open, setOpen] = useState<OpenCard | null>(null);
  const cardRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const closeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const byId = useRef(new Map<string, Promise<CardEntity | null>>(entities?.map((e) => [e.id, Promise.resolve(e)])));
  /** Counts the reader's gestures that open or close cards: a card that loads after another gesture is not shown. */
  const gestures = useRef(0);

  const show = useCallback((mention: HTMLAnchorElement, pinned: boolean) => {
    const id = entityOfMention(mention);
    let loading = byId.current.get(id);
    if (!loading) {
      loading = loadCard(id);
      byId.current.set(id, loading);
    }
    const at = gestures.current;
    clearTimeout(closeTimer.current);
    void loading.then((entity) => {
      if (!entity || gestures.current !== at) return;
      setOpen((current) => (current && current.mention === mention && current.pinned && !pinned ? current : { entity, mention, pinned }));
    });
  }, []);

  const openRef = useRef<OpenCard | null>(null);
  openRef.current = open;
  // Focus we move back to a mention ourselves must not reopen its card.
  const returningFocus = useRef(false);
  const close = useCallback((returnFocus: boolean) => {
    const current = openRef.current;
    setOpen(null);
    if (current && returnFocus) {
      returningFocus.current = true;
      current.mention.focus();
      returningFocus.current = false;
    }
  }, []);

  // Entities of names drawn in the browser (a reader's private identifications) get cards too;
  // those drawn before the cards loaded are loaded from the API, as the server's names are.
  useEffect(() => {
    const add = (event: Event) => {
      for (const entity of (event as CustomEvent<CardEntity[]>).detail)
        if (!byId.current.has(entity.id)) byId.current.set(entity.id, Promise.resolve(entity));
    };
    document.addEventListener(CARD_ENTITIES_EVENT, add);
    return () => document.removeEventListener(CARD_ENTITIES_EVENT, add);
  }, []);

  // A mention the pointer is on, or that has focus, as the cards arrive (deferred.tsx loads them
  // at the reader's first interaction) gets its card, as it would have.
  useEffect(() => {
    const mention = mentionOf(document.activeElement) ?? document.querySelector<HTMLAnchorElement>("a.mention:hover");
    if (mention && kindShown(mention.dataset.kind)) show(mention, false);
  }, [show]);

  useEffect(() => {
    const onOver = (event: MouseEvent) => {
      // A button held down is a drag (selecting words): a card opening now would cover the words.
      if (event.buttons !== 0) return;
      const mention = mentionOf(event.target);
      if (mention && kindShown(mention.dataset.kind)) show(mention, false);
      else if (cardRef.current?.contains(event.target as Node)) clearTimeout(closeTimer.current);
    };
    const onOut = (event: MouseEvent) => {
      gestures.current++;
      const into = event.relatedTarget as Node | null;
      if (into && (cardRef.current?.contains(into) || mentionOf(into))) return;
      clearTimeout(closeTimer.current);
      closeTimer.current = setTimeout(() => setOpen((current) => (current?.pinned ? current : null)), 300);
    };
    const onFocusIn = (event: FocusEvent) => {
      if (returningFocus.current) return;
      const mention = mentionOf(event.target);
      if (mention && kindShown(mention.dataset.kind)) show(mention, false);
    };
    const onFocusOut = (event: FocusEvent) => {
      gestures.current++;
      const into = event.relatedTarget as Node | null;
      if (into && (cardRef.current?.contains(into) || mentionOf(into))) return;
      setOpen((current) => (current?.pinned ? current : null));
    };
    // A press starts a drag or a click: a card only hovered goes, so it covers no words being selected.
    const onPress = (event: PointerEvent) => {
      gestures.current++;
      if (!cardRef.current?.contains(event.target as Node)) setOpen((current) => (current?.pinned ? current : null));
    };
    const onClick = (event: MouseEvent) => {
      gestures.current++;
      const mention = mentionOf(event.target);
      if (
        mention &&
        kindShown(mention.dataset.kind) &&
        event.button === 0 &&
        !event.metaKey &&
        !event.ctrlKey &&
        !event.shiftKey &&
        !event.altKey
      ) {
        event.preventDefault();
        // The click that ends a selection (a drag within the name, a double- or triple-click) leaves
        // the words selected: no card, and none left open by the first click of a double-click.
        if (window.getSelection()?.isCollapsed === false) setOpen(null);
        else show(mention, true);
        return;
      }
      if (!cardRef.current?.contains(event.target as Node)) setOpen((current) => (current?.pinned ? null : current));
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      gestures.current++;
      if (openRef.current) close(true);
    };
    document.addEventListener("pointerdown", onPress, true);
    document.addEventListener("mouseover", onOver);
    document.addEventListener("mouseout", onOut);
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("focusout", onFocusOut);
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPress, true);
      document.removeEventListener("mouseover", onOver);
      document.removeEventListener("mouseout", onOut);
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("focusout", onFocusOut);
      document.removeEventListener("click", onClick);
      document.removeEventListener("keydown", onKey);
    };
  }, [show, close]);

  // Place the card under its mention (above when there is no room), inside the viewport.
  useEffect(() => {
    const card = cardRef.current;
    if (!open || !card) return;
    const place = () => {
      const rect = open.mention.getBoundingClientRect();
      const width = card.offsetWidth;
      const height = card.offsetHeight;
      const left = Math.min(Math.max(8, rect.left), window.innerWidth - width - 8);
      const below = rect.bottom + 8;
      const top = below + height > window.innerHeight && rect.top - height - 8 > 0 ? rect.top - height - 8 : below;
      card.style.left = `${left + window.scrollX}px`;
      card.style.top = `${top + window.scrollY}px`;
    };
    place();
    window.addEventListener("resize", place);
    return () => window.removeEventListener("resize", place);
  }, [open]);

  // A pinned card takes focus, so keyboard and screen-reader users land in it.
  const pinnedMention = open?.pinned ? open.mention : null;
  useEffect(() => {
    if (pinnedMention && !cardRef.current?.contains(document.activeElement)) headingRef.current?.focus();
  }, [pinnedMention]);

  // While a mention has focus, its card describes it.
  useEffect(() => {
    if (!open) return;
    open.mention.setAttribute("aria-describedby", "entity-card-description");
    return () => open.mention.removeAttribute("aria-describedby");
  }, [open]);

  if (!open) return null;
  const { entity, mention } = open;
  const all = [...document.querySelectorAll<HTMLAnchorElement>(mentionsOf(entity.id))];
  const index = all.indexOf(mention);
  const go = (step: number) => {
    const target = all[index + step];
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    setOpen({ entity, mention: target, pinned: true });
  };

  return (
    <div
      ref={cardRef}
      className="entity-card"
      role="dialog"
      aria-modal="false"
      aria-labelledby="entity-card-name"
      data-kind={entity.kind}
      data-pinned={open.pinned ? "true" : "false"}
      onMouseLeave={(event) => {
        if (!open.pinned && !mentionOf(event.relatedTarget)) setOpen(null);
      }}
    >
      <p className="entity-card-kind">
        <span className="swatch" data-kind={entity.kind} aria-hidden="true" />
        {ENTITY_KIND_NAMES[entity.kind]}
      </p>
      <h2 id="entity-card-name" ref={headingRef} tabIndex={-1}>
        {entity.name}
      </h2>
      <p id="entity-card-description" className="entity-card-description">
        {entity.description}
      </p>
      {entity.aliases.length > 0 ? (
        <p className="entity-card-aliases">
          <span className="label">Also written:</span> {entity.aliases.join(" · ")}
        </p>
      ) : null}
      {entity.located ? (
        <img
          className="entity-card-map"
          src={`/entities/${entity.id}/map.svg`}
          alt={`${entity.name} on a map`}
          width={320}
          height={180}
          data-entity-map=""
        />
      ) : null}
      <p className="entity-card-count">
        {entity.mentions === 1 ? "1 mention" : `${entity.mentions} mentions`} in this text
        {index >= 0 ? ` · this is mention ${index + 1}` : ""}
      </p>
      <div className="entity-card-actions">
        <button type="button" onClick={() => go(-1)} disabled={index <= 0} aria-label={`Previous mention of ${entity.name}`}>
          ← Previous
        </button>
        <button
          type="button"
          onClick={() => go(1)}
          disabled={index < 0 || index >= all.length - 1}
          aria-label={`Next mention of ${entity.name}`}
        >
          Next →
        </button>
        <a href={`/entities/${entity.id}`}>Entity page</a>
        {open.pinned ? (
          <button type="button" className="entity-card-close" onClick={() => close(true)} aria-label="Close">
            ×
          </button>
        ) : null}
      </div>
    </div>
  );
}
