import { SaxesParser } from "saxes";
import { ImportFailure } from "./source-document";

/** An element of a small XML part (a package's metadata), read whole: its name, attributes, text, children. */
export interface XmlElement {
  /** The qualified name as written ("dc:title"). */
  name: string;
  /** The local name ("title"). */
  local: string;
  uri: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's text content, all descendants' text included. */
  text: string;
}

/**
 * Parses a small XML part (container.xml, an OPF, an NCX, docProps/core.xml) into a tree, with
 * namespaces. saxes expands no entity but the five XML ones and reads no DTD; readZip has
 * already refused any part that declares entities.
 *
 * @throws ImportFailure "unreadable", naming `what`, when the part is not well-formed XML
 */
export function parseXmlPart(bytes: Uint8Array, what: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlElement = { name: "", local: "", uri: "", attributes: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  parser.on("opentag", (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) {
      attributes[name] = typeof attribute === "string" ? attribute : attribute.value;
    }
    const element: XmlElement = { name: tag.name, local: tag.local ?? tag.name, uri: tag.uri ?? "", attributes, children: [], text: "" };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on("text", (text) => {
    for (const element of stack) element.text += text;
  });
  parser.on("cdata", (text) => {
    for (const element of stack) element.text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  try {
    parser.write(decodeXml(bytes)).close();
  } catch {
    throw new ImportFailure("unreadable", `The ${what} is damaged: it is not well-formed XML.`);
  }
  const document = root.children[0];
  if (!document) throw new ImportFailure("unreadable", `The ${what} is empty.`);
  return document;
}

/** Every descendant (and the element itself) with this local name, in document order. */
export function descendants(element: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement) => {
    if (node.local === local) found.push(node);
    node.children.forEach(visit);
  };
  visit(element);
  return found;
}

/** An XML part's text: UTF-16 when its byte-order mark says so, else UTF-8 (XML's default). */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}
