import fs from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PassageMargin, PassageText, TextSections, type InlineMention, type PassageParts } from "@/app/documents/[slug]/_text/passages";
import { staticMarkup } from "@/app/documents/[slug]/_text/static-markup";
import type { PassageView } from "@/lib/documents/queries";
import { groupBlocks } from "@/lib/text-model/group-blocks";
import { parseDocument } from "@/lib/text-model/parse-document";
import { rangesByPassage } from "@/lib/text-model/segment-text";

// The reader's text is written to a string by staticMarkup (decision 018), not by React: it must
// be the markup React writes, element for element and attribute for attribute.

/** `html` as a browser's parser reads it, written back: the same markup whatever its escaping. */
const normalised = (html: string) => parseHTML(`<html><body>${html.replace(/<!-- -->/g, "")}</body></html>`).document.body.innerHTML;

const both = (node: ReactNode) => [normalised(staticMarkup(node)), normalised(renderToStaticMarkup(node as never))];

type Passage = PassageView & { mentions: InlineMention[] };

describe("staticMarkup", () => {
  it("writes the seed edition's text as React does, names and margins included", () => {
    const parsed = parseDocument(fs.readFileSync(path.join("content", "second-east-turkistan-republic.md"), "utf8"));
    const passages = parsed.passages as unknown as PassageView[];
    // A name in every passage, some with characters to escape in their entity's address.
    const mentions: InlineMention[] = passages.map((p, i) => ({
      id: `m-${i}`,
      start: p.start,
      end: Math.min(p.end, p.start + 5),
      entityId: i % 7 === 0 ? `odd"&<id>-${i}` : `entity-${i}`,
      kind: "person",
      name: "A name",
    }));
    const byPassage = rangesByPassage(passages, mentions);
    const sections = groupBlocks<Passage>(passages.map((p) => ({ ...p, mentions: byPassage.get(p.id) ?? [] })));
    const parts: PassageParts<Passage> = {
      margin: (p) => createElement(PassageMargin, { passage: p }),
      text: (p) => createElement(PassageText, { passage: p, mentions: p.mentions }),
      attributes: (p) => ({
        "data-evidence": p.paragraph === 2 ? "supports" : undefined,
        "data-cited": p.paragraph === 3 ? "" : undefined,
      }),
    };
    const [ours, react] = both(createElement(TextSections<Passage>, { sections, parts }));
    expect(ours.length).toBeGreaterThan(parsed.text.length);
    expect(ours).toBe(react);
  });

  it("writes text, attributes and void elements with the escaping HTML needs", () => {
    const node = createElement(
      "p",
      { className: "a&b", title: 'say "hi" <now>', "aria-hidden": true, hidden: false, tabIndex: -1 },
      "1 < 2 & 3 > 2 “quoted” 'single'",
      createElement("br"),
      createElement("input", { type: "checkbox", id: "x", defaultChecked: true }),
      7,
      null,
      [createElement("span", { key: "a" }, "in a list")],
    );
    const [ours, react] = both(node);
    expect(ours).toBe(react);
  });

  it("refuses what only React can render: a component with hooks' state, a style object, a handler", () => {
    expect(() => staticMarkup(createElement("div", { style: { color: "red" } }))).toThrow(/style/);
    expect(() => staticMarkup(createElement("button", { onClick: () => {} }))).toThrow(/onClick/);
    const lazy = { $$typeof: Symbol.for("react.lazy") } as unknown as ReactNode;
    expect(() => staticMarkup(lazy)).toThrow();
  });
});
