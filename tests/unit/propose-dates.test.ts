import { describe, expect, it } from "vitest";
import { fromEdtf, toEdtf } from "@/lib/claims/edtf-date";
import { proposeDates, type DatePassage } from "@/lib/claims/propose-dates";

/** The text as one passage of `kind`. */
const propose = (text: string, kind = "paragraph") => proposeDates(text, [{ id: "p1", start: 0, end: text.length, kind }]);

/** What a reviewer sees of each proposal: the words of the date and the date. */
const dates = (text: string, kind = "paragraph") =>
  propose(text, kind).map((p) => ({
    words: p.dateText,
    edtf: p.edtf,
    value: p.dateValue,
    end: p.dateEnd,
    precision: p.datePrecision,
    approximate: p.dateApproximate,
  }));

describe("proposeDates", () => {
  it("proposes the sentence of a full date as statement and evidence, with day precision", () => {
    const text = "The hills were quiet. On 12 November 1944 the rebels declared independence.  Nothing followed.";
    const [proposal, ...rest] = propose(text);
    expect(rest).toEqual([]);
    expect(proposal).toMatchObject({
      exact: "On 12 November 1944 the rebels declared independence.",
      statement: "On 12 November 1944 the rebels declared independence.",
      passageId: "p1",
      dateText: "12 November 1944",
      dateValue: "1944-11-12",
      datePrecision: "day",
      dateApproximate: false,
      edtf: "1944-11-12",
    });
    expect(proposal.dateEnd).toBeUndefined();
    expect(text.slice(proposal.start, proposal.end)).toBe(proposal.exact);
  });

  it("reads a year alone with year precision and a month of a year with month precision", () => {
    expect(dates("In 1944 they met. The talks ended in November 1944, in Vell.")).toEqual([
      { words: "1944", edtf: "1944", value: "1944", end: undefined, precision: "year", approximate: false },
      { words: "November 1944", edtf: "1944-11", value: "1944-11", end: undefined, precision: "month", approximate: false },
    ]);
  });

  it("reads the usual ways of writing a day", () => {
    const text =
      "It began on November 7, 1944. It ended on the 21st of June, 1914. It was signed 3 Nov. 1944. " +
      "The wire of 11/08/1948 came. The census of 1944-11-12 counted them.";
    expect(dates(text).map((d) => d.value)).toEqual(["1944-11-07", "1914-06-21", "1944-11-03", "1948-08-11", "1944-11-12"]);
  });

  it("makes a date approximate after about, around, c., ca., circa, approximately, early, late, mid- and by", () => {
    const text =
      "He was born c. 1890. The mill closed about 1932. The track was lifted around 1962. A photograph of ca. 1938. " +
      "Built circa 1871. Talks resumed in late 1946. In early November 1944 it snowed. In mid-1947 he resigned. " +
      "Approximately 1950 they left. By 1954 it was over.";
    const found = dates(text);
    expect(found.map((d) => [d.words, d.edtf, d.approximate])).toEqual([
      ["c. 1890", "1890~", true],
      ["about 1932", "1932~", true],
      ["around 1962", "1962~", true],
      ["ca. 1938", "1938~", true],
      ["circa 1871", "1871~", true],
      ["late 1946", "1946~", true],
      ["early November 1944", "1944-11~", true],
      ["mid-1947", "1947~", true],
      ["Approximately 1950", "1950~", true],
      ["By 1954", "1954~", true],
    ]);
  });

  it("reads ranges of years written five ways as one date with an end", () => {
    const text =
      "It existed from 1944-1949. The survey took from 1905 to 1907. Between 1920 and 1925 wool was king. " +
      "Traffic fell during 1915–18. He served 1937–1948.";
    expect(dates(text).map((d) => [d.words, d.edtf, d.value, d.end, d.precision])).toEqual([
      ["1944-1949", "1944/1949", "1944", "1949", "year"],
      ["from 1905 to 1907", "1905/1907", "1905", "1907", "year"],
      ["Between 1920 and 1925", "1920/1925", "1920", "1925", "year"],
      ["1915–18", "1915/1918", "1915", "1918", "year"],
      ["1937–1948", "1937/1948", "1937", "1948", "year"],
    ]);
  });

  it("reads a range of months or days that chrono-node reads, by the precision of its coarser end", () => {
    expect(dates("From September 1944 to June 1945 the war went on.")).toEqual([
      {
        words: "September 1944 to June 1945",
        edtf: "1944-09/1945-06",
        value: "1944-09",
        end: "1945-06",
        precision: "month",
        approximate: false,
      },
    ]);
  });

  it("reads a decade as a range of ten years, approximate when qualified", () => {
    expect(dates("In the 1940s the region changed. A station opened in the early 1930s.").map((d) => [d.words, d.edtf])).toEqual([
      ["the 1940s", "1940/1949"],
      ["early 1930s", "1930~/1939~"],
    ]);
  });

  it("reads a season of a year as a range of three months, a winter across the new year", () => {
    expect(dates("In the spring of 1945 the army advanced. The winter of 1939-40 was hard. In autumn 1958 it closed.")).toEqual([
      { words: "spring of 1945", edtf: "1945-03/1945-05", value: "1945-03", end: "1945-05", precision: "month", approximate: false },
      { words: "winter of 1939-40", edtf: "1939-12/1940-02", value: "1939-12", end: "1940-02", precision: "month", approximate: false },
      { words: "autumn 1958", edtf: "1958-09/1958-11", value: "1958-09", end: "1958-11", precision: "month", approximate: false },
    ]);
  });

  it("proposes nothing for dates relative to today: weekdays, tomorrow, next year, a month alone", () => {
    expect(propose("On Monday he left. Tomorrow he returns. He will be 80 next year. In May they met. Last week of July.")).toEqual([]);
  });

  it("carries the year of the sentence before into a month, day or season without one, with a lower score", () => {
    const text = "We came here in 1946. That autumn we mended the roof; in December the well froze. On 20 December it thawed.";
    const found = propose(text);
    expect(found.map((p) => [p.dateText, p.edtf])).toEqual([
      ["1946", "1946"],
      ["That autumn", "1946-09/1946-11"],
      ["December", "1946-12"],
      ["20 December", "1946-12-20"],
    ]);
    const [stated, ...carried] = found.map((p) => p.score);
    for (const score of carried) expect(score).toBeLessThan(stated);
  });

  it("gives a month without a year the year its sentence stated before it", () => {
    expect(
      dates("In the spring of 1945 the garrison withdrew, and by the end of June it held only the port.").map((d) => [d.words, d.edtf]),
    ).toEqual([
      ["spring of 1945", "1945-03/1945-05"],
      ["by the end of June", "1945-06~"],
    ]);
  });

  it("carries no year across passages, from a range, or with the option off", () => {
    const text = "Vell, 3 March 1947\n\nYour letter of the 14th of February came.";
    const passages: DatePassage[] = [
      { id: "a", start: 0, end: 18, kind: "paragraph" },
      { id: "b", start: 20, end: text.length, kind: "paragraph" },
    ];
    expect(proposeDates(text, passages).map((p) => p.edtf)).toEqual(["1947-03-03"]);
    expect(propose("It lasted from 1944 to 1949. That autumn the talks failed.").map((p) => p.edtf)).toEqual(["1944/1949"]);
    expect(
      proposeDates("In 1946 we came. That autumn it rained.", [{ id: "p", start: 0, end: 39, kind: "paragraph" }], {
        carryYear: false,
      }).map((p) => p.edtf),
    ).toEqual(["1946"]);
  });

  it("does not read numbers that count or name things as years", () => {
    const text =
      "Some 1,944 soldiers died. Despatch No. 1945 was sent. See page 1946. At 1930 hours the column moved. " +
      "A force of 1944 men arrived. Repairs cost about 1948 pounds. Total: 1925 specimens. The pages 1946 to 1950 are lost. " +
      "He lived at No. 1918 on the Quay Road. The height was 1,926 feet.";
    expect(propose(text)).toEqual([]);
  });

  it("still reads a year before a plural noun after a word of time", () => {
    expect(dates("In 1944 elections were held.").map((d) => d.value)).toEqual(["1944"]);
  });

  it("gives a sentence with two dates two proposals, and the same date twice one", () => {
    const found = propose("Negotiations began in October 1945 and went on until 2 January 1946, when on 2 January 1946 it was signed.");
    expect(found.map((p) => p.edtf)).toEqual(["1945-10", "1946-01-02"]);
    expect(new Set(found.map((p) => p.statement)).size).toBe(1);
  });

  it("keeps headings and captions, scored at half", () => {
    const [heading] = propose("Report for the quarter ending 31 March 1946", "heading");
    const [paragraph] = propose("Report for the quarter ending 31 March 1946");
    expect(heading.dateValue).toBe("1946-03-31");
    expect(heading.score).toBeCloseTo(paragraph.score / 2, 1);
  });

  it("keeps a full stop after an abbreviation or initial inside the sentence, and ends one before a year", () => {
    const found = propose("Gen. A. B. Pell was born c. 1890 in Vell. 1945 was a year of war.");
    expect(found.map((p) => p.statement)).toEqual(["Gen. A. B. Pell was born c. 1890 in Vell.", "1945 was a year of war."]);
  });

  it("proposes no 29 February in a year without one, from a year carried", () => {
    expect(propose("Her diary for 1901 has an entry for every day but one, 29 February.").map((p) => p.dateValue)).toEqual(["1901"]);
  });

  it("proposes no day that does not exist, only its year", () => {
    expect(propose("On 31 February 1944 nothing happened. On 29 February 1944 it did.").map((p) => p.dateValue)).toEqual([
      "1944",
      "1944-02-29",
    ]);
  });

  it("reads only the text of the passages, with offsets into the whole text", () => {
    const text = "# In 1900\n\nIn 1944 they met.";
    const [proposal, ...rest] = proposeDates(text, [{ id: "p2", start: 11, end: text.length, kind: "paragraph" }]);
    expect(rest).toEqual([]);
    expect([proposal.start, proposal.end, proposal.passageId, proposal.dateValue]).toEqual([11, text.length, "p2", "1944"]);
  });

  describe("on hostile input", () => {
    const timed = <T>(run: () => T): [T, number] => {
      const started = performance.now();
      const result = run();
      return [result, performance.now() - started];
    };
    // Limits far above the bench's figures (0.3 to 3 s on two busy cores): they catch a quadratic
    // walk (minutes), not a slow machine.
    const LIMIT_MS = 20_000;

    it("reads 1 MB of digits in bounded time and proposes nothing", () => {
      const [found, ms] = timed(() => propose("1".repeat(1_000_000)));
      expect(found).toEqual([]);
      expect(ms).toBeLessThan(LIMIT_MS);
    });

    it("reads 1 MB of full stops in bounded time (a run of stops with no space after is tried once)", () => {
      const [found, ms] = timed(() => propose(".".repeat(1_000_000)));
      expect(found).toEqual([]);
      expect(ms).toBeLessThan(LIMIT_MS);
    });

    it("reads 1 MB of month names with no year in bounded time and proposes nothing", () => {
      const [found, ms] = timed(() => propose("In May ".repeat(150_000)));
      expect(found).toEqual([]);
      expect(ms).toBeLessThan(LIMIT_MS);
    });

    it("reads a million one-word lines in bounded time", () => {
      const [found, ms] = timed(() => propose("word\n".repeat(1_000_000)));
      expect(found).toEqual([]);
      expect(ms).toBeLessThan(LIMIT_MS);
    });

    it("reads 1 MB of dates with no full stop in windows, a few dates each", () => {
      const text = "12 November 1944 ".repeat(60_000);
      const [found, ms] = timed(() => propose(text));
      expect(ms).toBeLessThan(LIMIT_MS);
      for (const p of found) expect(p.end - p.start).toBeLessThanOrEqual(1000);
      const perSentence = new Map<number, number>();
      for (const p of found) perSentence.set(p.start, (perSentence.get(p.start) ?? 0) + 1);
      expect(Math.max(...perSentence.values())).toBeLessThanOrEqual(6);
    });

    it("stops at the most proposals asked for", () => {
      const text = "In 1944 they met.\n".repeat(1000);
      expect(proposeDates(text, [{ id: "p", start: 0, end: text.length, kind: "paragraph" }], { maxProposals: 10 })).toHaveLength(10);
    });
  });
});

describe("EDTF", () => {
  it("writes a date or a range and reads it back into value, end, precision and approximation", () => {
    expect(toEdtf({ year: 1945, month: 9 }, undefined, true)).toEqual({
      edtf: "1945-09~",
      dateValue: "1945-09",
      datePrecision: "month",
      dateApproximate: true,
    });
    expect(fromEdtf("1944/1949")).toEqual({
      edtf: "1944/1949",
      dateValue: "1944",
      dateEnd: "1949",
      datePrecision: "year",
      dateApproximate: false,
    });
  });

  it("refuses what is not a real date, a range that runs backwards or mixes precisions", () => {
    expect(toEdtf({ year: 1944, month: 4, day: 31 }, undefined, false)).toBeNull();
    expect(toEdtf({ year: 1901, month: 2, day: 29 }, undefined, false)).toBeNull();
    expect(fromEdtf("1949/1944")).toBeNull();
    expect(fromEdtf("1944/1949-05")).toBeNull();
    expect(fromEdtf("not a date")).toBeNull();
  });
});
