import { describe, expect, it } from "vitest";
import { DocumentParseError } from "@/lib/text-model/document-parse-error";
import { parseDocument } from "@/lib/text-model/parse-document";

const FILE = "editions/broken.md";

/** Frontmatter lines 1-8 and a blank line 9: the body of a document starts on line 10. */
const FRONTMATTER = [
  "---",
  "title: A Broken Edition",
  "language: en",
  "author: unknown",
  "publisher: unknown",
  "url: unknown",
  "published: unknown",
  "---",
  "",
];

const lines = (...all: string[]) => `${all.join("\n")}\n`;
const withBody = (...body: string[]) => lines(...FRONTMATTER, ...body);
/** Replaces frontmatter line `n` (1-based, as in the file) with `text`; an empty array removes it. */
const withFrontmatterLine = (n: number, text: string[]) => {
  const front = [...FRONTMATTER];
  front.splice(n - 1, 1, ...text);
  return lines(...front, "Some text.");
};

function failure(markdown: string, file = FILE): DocumentParseError {
  let caught: unknown;
  try {
    parseDocument(markdown, file);
  } catch (error) {
    caught = error;
  }
  expect(caught, "parseDocument should have thrown").toBeInstanceOf(DocumentParseError);
  return caught as DocumentParseError;
}

function expectFailure(markdown: string, line: number, reason: RegExp, file = FILE) {
  const error = failure(markdown, file);
  expect(error.name).toBe("DocumentParseError");
  expect(error.file).toBe(file);
  expect(error.line).toBe(line);
  expect(error.message.startsWith(`${file}:${line}: `), error.message).toBe(true);
  expect(error.message).toBe(`${file}:${line}: ${error.reason}`);
  expect(error.reason).toMatch(reason);
  return error;
}

describe("a well-formed document used as the base of the broken ones", () => {
  it("parses without error, so each failure below comes from its one defect", () => {
    const parsed = parseDocument(withBody("Some text."), FILE);
    expect(parsed.passages.map((p) => [p.text, p.line])).toEqual([["Some text.", 10]]);
    expect(parseDocument(withFrontmatterLine(6, ["url: https://example.org/page"]), FILE).metadata.url).toBe("https://example.org/page");
  });
});

describe("frontmatter errors", () => {
  it("reports missing frontmatter on line 1", () => {
    expectFailure(lines("Just a paragraph."), 1, /^missing frontmatter: /);
  });

  it("reports missing frontmatter when the --- block does not open the file", () => {
    expectFailure(lines("", ...FRONTMATTER, "Some text."), 1, /^missing frontmatter: /);
  });

  it("reports invalid YAML on the line of the duplicated key inside the file", () => {
    const error = expectFailure(withFrontmatterLine(4, ["title: Again"]), 4, /^invalid frontmatter: /);
    expect(error.reason).toContain("Map keys must be unique");
  });

  it("reports a tab used as YAML indentation on its line", () => {
    const error = expectFailure(withFrontmatterLine(5, ["\tpublisher: unknown"]), 5, /^invalid frontmatter: /);
    expect(error.reason).toContain("Tabs are not allowed");
  });

  it("reports a missing title as a required field on the first line of the frontmatter", () => {
    expectFailure(withFrontmatterLine(2, []), 2, /^frontmatter field "title" is required$/);
  });

  it("reports another missing required field by its name", () => {
    expectFailure(withFrontmatterLine(7, []), 2, /^frontmatter field "published" is required$/);
  });

  it("reports an empty title on the title's line", () => {
    expectFailure(withFrontmatterLine(2, ['title: ""']), 2, /^frontmatter field "title" is invalid: /);
  });

  it("reports an unknown frontmatter field on the line of its key", () => {
    const front = [...FRONTMATTER];
    front.splice(5, 0, "colour: red");
    expectFailure(lines(...front, "Some text."), 6, /^unknown frontmatter field "colour"$/);
  });

  it("reports an unknown frontmatter field on the right line with CRLF line endings", () => {
    const front = [...FRONTMATTER];
    front.splice(3, 0, "colour: red");
    expectFailure(`${[...front, "Some text."].join("\r\n")}\r\n`, 4, /^unknown frontmatter field "colour"$/);
  });

  it("reports an invalid language tag on its line with the expected form", () => {
    expectFailure(withFrontmatterLine(3, ["language: English"]), 3, /^frontmatter field "language" is invalid: .*BCP 47/);
  });

  it("reports a url that is neither unknown nor a URL on its line", () => {
    expectFailure(withFrontmatterLine(6, ["url: not a url"]), 6, /^frontmatter field "url" is invalid: /);
  });

  it("reports a malformed date on its line with the accepted forms", () => {
    expectFailure(withFrontmatterLine(7, ["published: 12 May 1945"]), 7, /^frontmatter field "published" is invalid: .*YYYY-MM-DD/);
  });
});

describe("body errors", () => {
  it("rejects a level-1 heading on its line", () => {
    expectFailure(withBody("Some text.", "", "# A Title"), 12, /^a level-1 heading is not allowed/);
  });

  it("rejects a raw HTML block on its line", () => {
    expectFailure(withBody("Some text.", "", "<div>", "words", "</div>"), 12, /\bHTML\b/i);
  });

  it("rejects inline raw HTML inside a paragraph on its line", () => {
    expectFailure(withBody("Some text", "with <b>bold</b> words."), 11, /^raw HTML is not allowed/);
  });

  it("rejects a fenced code block as an unsupported block", () => {
    expectFailure(withBody("Some text.", "", "```", "let x = 1;", "```"), 12, /^unsupported block: code$/);
  });

  it("rejects an unknown container directive such as :::figure", () => {
    expectFailure(withBody("Some text.", "", ":::figure", "A photograph", ":::"), 12, /^unknown block ":::figure"/);
  });

  it("keeps a colon followed by a word (a text directive to the parser) as the author's text", () => {
    expect(parseDocument(withBody("Some text to", "see :foo here at 10:30."), FILE).text).toBe("Some text to see :foo here at 10:30.");
  });

  it("keeps a text directive with brackets and attributes literally", () => {
    expect(parseDocument(withBody("a :note[label]{x=1} b"), FILE).text).toBe("a :note[label]{x=1} b");
  });

  it("accepts an unquoted year and a YAML date in the frontmatter as dates", () => {
    const metadata = parseDocument(withFrontmatterLine(7, ["published: 1945", "modified: 2020-01-02"]), FILE).metadata;
    expect(metadata.published).toBe("1945");
    expect(metadata.modified).toBe("2020-01-02");
  });

  it("rejects a day that does not exist", () => {
    expectFailure(withFrontmatterLine(7, ["published: 2020-02-30"]), 7, /^frontmatter field "published" is invalid: .*YYYY-MM-DD/);
  });

  it("rejects an address that is not http(s)", () => {
    expectFailure(withFrontmatterLine(6, ["url: javascript:alert(1)"]), 6, /^frontmatter field "url" is invalid: /);
  });

  it("rejects an unknown leaf directive as a block", () => {
    expectFailure(withBody("Some text.", "", "::foo"), 12, /^unknown block "::foo"/);
  });

  it("accepts the same colon once it is escaped", () => {
    expect(parseDocument(withBody("see \\:foo here."), FILE).text).toBe("see :foo here.");
  });

  it("rejects a nested list on the line of the item that holds it", () => {
    expectFailure(withBody("Some text.", "", "- first", "- second", "  - nested"), 13, /^a list item must be a single paragraph/);
  });

  it("rejects a caption that holds two paragraphs", () => {
    expectFailure(withBody(":::caption", "One.", "", "Two.", ":::"), 10, /^a caption must hold exactly one paragraph$/);
  });

  it("rejects a list inside a block quote on the list's line", () => {
    expectFailure(withBody("> Quoted.", ">", "> - listed"), 12, /^a block quote may hold only paragraphs, not list$/);
  });

  it("rejects an empty section heading", () => {
    expectFailure(withBody("Some text.", "", "##", "", "More text."), 12, /^empty heading$/);
  });

  it("rejects a document that has frontmatter and no text", () => {
    expectFailure(lines(...FRONTMATTER.slice(0, -1)), 1, /^the document has no text$/);
  });

  it("names the file <input> when no file name is given", () => {
    let caught: unknown;
    try {
      parseDocument(lines("No frontmatter."));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DocumentParseError);
    expect((caught as DocumentParseError).message).toMatch(/^<input>:1: missing frontmatter/);
  });
});
