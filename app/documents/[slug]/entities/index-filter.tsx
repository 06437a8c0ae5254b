"use client";

import { useEffect, useRef } from "react";

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();

/**
 * The filter box of the index of names. Without JavaScript it submits the form (the server
 * filters); with it, rows are filtered as you type and the address keeps the filter.
 */
export function IndexFilter({ defaultValue }: { defaultValue: string }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const field = input.current;
    if (!field) return;
    const apply = () => {
      const needle = fold(field.value.trim());
      let visible = 0;
      for (const row of document.querySelectorAll<HTMLElement>("[data-entity-row]")) {
        const match = !needle || (row.dataset.filterText ?? "").includes(needle);
        row.hidden = !match;
        if (match) visible++;
      }
      for (const table of document.querySelectorAll<HTMLTableElement>("table.entity-table")) {
        table.hidden = !table.querySelector("[data-entity-row]:not([hidden])");
      }
      const status = document.getElementById("filter-status");
      if (status) status.textContent = needle ? `${visible} ${visible === 1 ? "name matches" : "names match"}` : "";
      const url = new URL(window.location.href);
      if (field.value) url.searchParams.set("q", field.value);
      else url.searchParams.delete("q");
      window.history.replaceState(null, "", url);
    };
    field.addEventListener("input", apply);
    return () => field.removeEventListener("input", apply);
  }, []);
  return (
    <>
      <label>
        Filter names
        <input
          ref={input}
          type="search"
          name="q"
          defaultValue={defaultValue}
          placeholder="e.g. Qasimi, Ghulja, treaty"
          autoComplete="off"
        />
      </label>
      <span id="filter-status" role="status" aria-live="polite" className="legend-count" />
    </>
  );
}
