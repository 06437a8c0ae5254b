import { Fragment, type ReactElement, type ReactNode } from "react";

// Server components' output as an HTML string, for the parts of a page that are only markup (the
// reader's text): their elements and plain function components, never hooks, context or client
// components. See docs/decisions/018-text-out-of-the-payload.md.

const VOID = new Set(["area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** React's names of the attributes these parts use, where they differ from HTML's. */
const ATTRIBUTE_NAMES: Record<string, string> = {
  className: "class",
  htmlFor: "for",
  tabIndex: "tabindex",
  defaultChecked: "checked",
  defaultValue: "value",
};

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

function attributes(props: Record<string, unknown>): string {
  let out = "";
  for (const [name, value] of Object.entries(props)) {
    if (name === "children" || name === "key" || value === undefined || value === null || value === false) continue;
    if (typeof value === "function" || typeof value === "object" || name === "dangerouslySetInnerHTML" || name === "style")
      throw new Error(`static markup cannot write the attribute ${name}`);
    const html = ATTRIBUTE_NAMES[name] ?? name;
    out += value === true ? (html.includes("-") ? ` ${html}="true"` : ` ${html}=""`) : ` ${html}="${escapeAttribute(String(value))}"`;
  }
  return out;
}

/**
 * `node` as HTML: elements, fragments, arrays, text and function components that only return
 * those. Throws on anything else (a client component, a hook's component), so that what it writes
 * is always exactly what React would.
 */
export function staticMarkup(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string") return escapeText(node);
  if (typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map(staticMarkup).join("");
  if (typeof node === "object" && "type" in node) {
    const element = node as ReactElement<Record<string, unknown>>;
    const { type, props } = element;
    if (type === Fragment) return staticMarkup(props.children as ReactNode);
    if (typeof type === "function") return staticMarkup((type as (p: typeof props) => ReactNode)(props));
    if (typeof type === "string") {
      const open = `<${type}${attributes(props)}>`;
      return VOID.has(type) ? open : `${open}${staticMarkup(props.children as ReactNode)}</${type}>`;
    }
  }
  throw new Error("static markup can only write elements, text and plain function components");
}
