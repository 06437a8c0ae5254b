// What the reader's names need before their cards have loaded (entity-cards.tsx loads at the
// reader's first interaction): the legend's choices as they were left, and the mentions saying that
// they open a card.

const STORAGE_KEY = "gloss:hidden-kinds";

/**
 * Restores which kinds of names the legend hides (its checkboxes, kept across reloads in local
 * storage) and keeps the choice when it changes; marks the mentions as opening a card. Returns the
 * function that stops listening.
 */
export function rememberHiddenKinds(): () => void {
  for (const mention of document.querySelectorAll<HTMLElement>("a.mention")) mention.setAttribute("aria-haspopup", "dialog");
  const toggles = [...document.querySelectorAll<HTMLInputElement>("input[data-kind-toggle]")];
  try {
    const hidden = new Set<string>(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]"));
    for (const toggle of toggles) if (hidden.has(toggle.dataset.kindToggle ?? "")) toggle.checked = false;
  } catch {
    // unreadable storage: keep the defaults
  }
  const save = () => {
    const hidden = toggles.filter((t) => !t.checked).map((t) => t.dataset.kindToggle);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(hidden));
    } catch {
      // storage full or denied: the choice lasts for this page only
    }
  };
  for (const toggle of toggles) toggle.addEventListener("change", save);
  return () => toggles.forEach((toggle) => toggle.removeEventListener("change", save));
}
