import type { Nodes } from "mdast";

/**
 * The plain text of a block: the text of its inline content with every run of ASCII white
 * space (soft and hard line breaks included) folded into one space, trimmed. Other characters
 * (no-break spaces among them) are kept as they are.
 */
export function blockText(node: Nodes): string {
  const parts: string[] = [];
  const walk = (current: Nodes) => {
    if (current.type === "text" || current.type === "inlineCode") parts.push(current.value);
    else if (current.type === "break") parts.push(" ");
    else if (current.type === "image" || current.type === "imageReference") parts.push(current.alt ?? "");
    else if ("children" in current) for (const child of current.children) walk(child as Nodes);
  };
  walk(node);
  return parts
    .join("")
    .replace(/[ \t\n\r\f]+/g, " ")
    .trim();
}
