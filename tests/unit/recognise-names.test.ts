import { describe, expect, it } from "vitest";
import { recogniseNames } from "@/lib/entities/recognise-names";
import { recogniserLists } from "@/lib/entities/name-lexicon";

const names = (text: string) => recogniseNames(text, recogniserLists(text)).map((n) => [n.exact, n.kind]);

describe("recogniseNames", () => {
  it("finds people by their titles, without the title, and organisations, places, events and works by their head words", () => {
    const text =
      "General Rahimov of the Provincial Security Bureau met Consul Dubrovin in Chuguchak. " +
      "The Tarbagatai Committee sent word to the Ili Valley before the Kulja Incident. " +
      "The Treaty of Friendship was signed; Resolution No. 12 followed.";
    expect(names(text)).toEqual(
      expect.arrayContaining([
        ["Rahimov", "person"],
        ["Provincial Security Bureau", "organization"],
        ["Dubrovin", "person"],
        ["Chuguchak", "place"],
        ["Tarbagatai Committee", "organization"],
        ["Ili Valley", "place"],
        ["Kulja Incident", "event"],
        ["Treaty of Friendship", "work"],
        ["Resolution No. 12", "work"],
      ]),
    );
  });

  it("leaves out a sentence's opening word, possessives, and adjectives of peoples", () => {
    const text = "The telegram from Burhan Shahidi reached Lanzhou. Burhan Shahidi's reply named the Chinese troops and the Soviet consul.";
    const found = names(text);
    expect(found).toContainEqual(["Burhan Shahidi", "person"]);
    expect(found).toContainEqual(["Lanzhou", "place"]);
    expect(found.map(([exact]) => exact)).not.toContain("The");
    expect(found.map(([exact]) => exact)).not.toContain("Burhan Shahidi's");
    expect(found.map(([exact]) => exact)).not.toContain("Chinese");
    expect(found.map(([exact]) => exact)).not.toContain("Soviet");
  });

  it("calls a people by its plural when the text uses both forms", () => {
    const found = names("The Kazakhs of the Altai moved south. A Kazakh chief, Osman, led them; the Kazakhs followed Osman.");
    expect(found).toContainEqual(["Kazakhs", "group"]);
    expect(found).toContainEqual(["Kazakh", "group"]);
  });

  it("ends on hostile input: 100,000 capitalised words, 100,000 one-word lines (its time is in npm run bench)", () => {
    const capitals = "Alpha Beta ".repeat(50_000);
    const found = recogniseNames(capitals);
    expect(found.length).toBeGreaterThan(0);
    const lines = "Word\n".repeat(100_000);
    expect(recogniseNames(lines).length).toBeGreaterThanOrEqual(0);
  });
});

describe("recogniseNames, rules the names evaluation asked for (npm run bench:names)", () => {
  it("leaves a verb that opens a sentence out of the name after it", () => {
    const found = names("Met Wang Te-ming on the road. Declares Nurgul Toxtiyeva a teacher.");
    expect(found.map(([exact]) => exact)).toContain("Wang Te-ming");
    expect(found).toContainEqual(["Nurgul Toxtiyeva", "person"]);
    expect(found.map(([exact]) => exact)).not.toContain("Met Wang Te-ming");
  });

  it("reads a noun of a person's role before a name as a title, and Madame as one", () => {
    const found = names("We thank Brother Holmberg for the parcel. Madame Yunusova taught music; Comrade Sultanbekov the plan.");
    expect(found).toContainEqual(["Holmberg", "person"]);
    expect(found).toContainEqual(["Yunusova", "person"]);
    expect(found).toContainEqual(["Sultanbekov", "person"]);
  });

  it("calls two capitalised words a person when only one is a word of the dictionary (Wang, Ma, Tore), a thing when both are", () => {
    const found = names(
      "The road was built under Wang Deming; the silver went with Ma Chengde, and Alihan Tore signed for the Internal Affairs.",
    );
    expect(found).toContainEqual(["Wang Deming", "person"]);
    expect(found).toContainEqual(["Ma Chengde", "person"]);
    expect(found).toContainEqual(["Alihan Tore", "person"]);
    expect(found).toContainEqual(["Internal Affairs", "organization"]);
  });

  it("takes a word of a person's whole name as that person alone, at a sentence's start too, over a gazetteer's town", () => {
    const found = names("We left with Harold Whitcombe and his cook. Whitcombe went to see the agent. Whitcombe doubts it.");
    expect(found.filter(([exact]) => exact === "Whitcombe")).toEqual([
      ["Whitcombe", "person"],
      ["Whitcombe", "person"],
    ]);
  });

  it("knows more head words of organisations, places, events and works, and the subject of a name after on, of and and", () => {
    const found = names(
      "He wrote for the Society for the Advancement of Uyghur Letters and the Kashgar Herald. " +
        "After the Kashgar Fair the Agreement on Caravan Tolls was read out by the Nordic Mission near the Yarkend Darya; " +
        "the Chamber of Commerce of Tihwa and the Society for the Promotion of Kazakh and Kyrgyz Culture wrote of the Aksu Grain Riots.",
    );
    expect(found).toEqual(
      expect.arrayContaining([
        ["Society for the Advancement of Uyghur Letters", "organization"],
        ["Kashgar Herald", "work"],
        ["Kashgar Fair", "event"],
        ["Agreement on Caravan Tolls", "work"],
        ["Nordic Mission", "organization"],
        ["Yarkend Darya", "place"],
        ["Chamber of Commerce of Tihwa", "organization"],
        ["Society for the Promotion of Kazakh and Kyrgyz Culture", "organization"],
        ["Aksu Grain Riots", "event"],
      ]),
    );
  });

  it("reads words in capitals (a telegram) by what they are, not by their capitals", () => {
    const found = names(
      "SECRET. TRUCKS OF NORTHWEST HIGHWAY ADMINISTRATION HELD AT HAMI BY SNOW STOP WOOL CONTRACT WITH TARIM COTTON COMPANY NOT YET SIGNED STOP",
    );
    expect(found).toEqual([
      ["NORTHWEST HIGHWAY ADMINISTRATION", "organization"],
      ["HAMI", "place"],
      ["TARIM COTTON COMPANY", "organization"],
    ]);
    // Short capitals are acronyms still.
    expect(names("The PLA reached the town.")).toContainEqual(["PLA", "organization"]);
  });

  it("gives a lone unknown word the kind of the name it is listed with", () => {
    const found = names("Grain came in from Kashgar and Maralbashi. Among his pupils were Uyghurs, Kazakhs, Dungans and Sibes.");
    expect(found).toContainEqual(["Maralbashi", "place"]);
    expect(found).toContainEqual(["Dungans", "group"]);
  });
});
