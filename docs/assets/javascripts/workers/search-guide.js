// Material's own search worker, run unchanged, with six things around it that make it find the
// section that answers a query (measured on data/search/relevance.yml; README, Benchmarks):
// 1. The query is cleaned first. Material appends a wildcard to every word and so skips lunr's
//    stop-word filter: "how do I handle position bias" would match every word that starts with
//    "i", "do" or "how". Stop words (lunr's English list, plus "vs" and "versus", which every catalog
//    title has) and one-letter words go, and each word is also asked for exactly (`word^2`), so a
//    section that uses the word outranks one that only has longer words starting with it; a
//    hyphenated word is also asked for by its parts. The index is stemmed (mkdocs.yml) but Material skips the
//    pipeline for a word with a wildcard, so the prefix form is stemmed here. Quoted phrases are
//    left to Material.
// 2. Lengths count again: Material builds the index with lunr's length normalisation off, so a
//    long section that mentions a word in passing outscored the short one about it.
// 3. Results whose text has the query's words next to each other, in order, rank higher: a section
//    that says "training-serving skew" answers that query better than one with "training" in one
//    paragraph and "skew" in another.
// 4. A query that names a glossary term lifts the section the glossary links that term to, where
//    the guide teaches it (`glossary` in the index, written by overrides/hooks/search.py); a query
//    that is nothing but the term ("quantization", "p99 latency") gets that section first, as a
//    reader looking a term up expects. A page's title of two words or more counts as a term that
//    names the page ("design a visual search system" lifts the case study over the section of
//    another page that is headed "Visual search").
// 5. A page's opening keeps 40% of the bonus Material gives it over the page's sections: a trade-off
//    page whose title shares one word with the query ("person" in "personalization") no longer
//    outranks the section that answers it.
// 6. A heading that three or more pages share is the page template's ("Pitfalls", "Where it shows up",
//    "Keeping training and serving identical"): its words weigh 2, where a heading that names its
//    section's subject weighs as a title (mkdocs.yml: 5). A heading that is another page's title (the
//    monitoring chapter's worked example "Visual search") points to that page and weighs 2 as well.
// The build points Material at this file with ?material=<Material's worker> (overrides/hooks/search.py).
const STOP_WORDS = new Set(`a able about across after all almost also am among an and any are as at be because been
but by can cannot could dear did do does either else ever every for from get got had has have he her hers him his
how however i if in into is it its just least let like likely may me might most must my neither no nor not of off
often on only or other our own rather said say says she should since so some than that the their them then there
these they this tis to too twas us versus vs wants was we were what when where which while who whom why will with would yet
you your`.split(/\s+/));
const [SETUP, , QUERY, RESULT] = [0, 1, 2, 3]; // Material's SearchMessageType
// Measured on data/search/relevance.yml, tuned on its dev half and checked on the held-out half.
const TUNING = {
  b: 0.9,            // lunr's length normalisation: 0 ignores a section's length, 1 divides by it fully
  articleBonus: 0.4, // share of Material's bonus for a page's opening over its sections that is kept (5.)
  templatePages: 3,  // a heading on this many pages or more is the template's ("Pitfalls", "The knobs") (6.)
  templateTitle: 2,  // weight of a template heading's words; other headings weigh the title field's boost
  phraseText: 2,     // score × (1 + this × share of the query's word pairs found in the text) (3.)
  phraseTitle: 3,    // ... and in the heading
  glossary: 3,       // score × this for the section the glossary (or a title) names for a term in the query (4.)
};

const pairsOf = new Map(); // location -> { title, text }: the Sets of adjacent word pairs
let queryPairs = [];
let wordOfStem = new Map(); // the reader's words, so results name (and the opened page highlights) them
let glossary = []; // { names: ["alternating least squares", "als"], location } from the index
let glossaryStems; // each name as its stemmed content words, made once lunr is loaded
let taughtAt = new Set(); // the locations the glossary names for the current query's terms
let definedAt = new Set(); // ... for a term that is the whole query

function contentWords(text) {
  return text.toLowerCase().replace(/<[^>]*>/g, " ").split(/[^\p{L}\p{N}]+/u)
    .filter(word => word && !STOP_WORDS.has(word));
}

function adjacentPairs(words) {
  return words.slice(1).map((word, i) => `${words[i]} ${word}`);
}

function stem(word) {
  const stemmed = lunr.stemmer(new lunr.Token(word)).toString();
  wordOfStem.set(stemmed, word);
  return stemmed;
}

function stems(text) {
  return contentWords(text).map(word => lunr.stemmer(new lunr.Token(word)).toString());
}

function contains(words, part) {
  return part.length > 0 && words.some((_, i) => part.every((word, j) => words[i + j] === word));
}

function lookUpGlossary(query) {
  glossaryStems ??= glossary.map(entry => ({ names: entry.names.map(stems), location: entry.location }));
  const words = stems(query);
  const named = glossaryStems.filter(entry => entry.names.some(name => contains(words, name)));
  taughtAt = new Set(named.map(entry => entry.location));
  definedAt = new Set(named.filter(entry => entry.names.some(name => name.length === words.length && contains(words, name)))
    .map(entry => entry.location));
}

function readersTerms(terms) {
  const out = {};
  for (const [term, found] of Object.entries(terms || {})) {
    const word = wordOfStem.get(term) || term;
    out[word] = out[word] || found;
  }
  return out;
}

// A hyphenated word is searched whole ("pr-auc" matches PR-AUC, not every word starting "pr"), and
// its parts of three letters or more are asked for as words too (stemmed, as the index is), so
// "LLM-as-judge" also finds "an LLM as the judge" (a two-letter part such as "pr" says too little).
function parts(word) {
  return word.includes("-")
    ? word.split("-").filter(part => part.length > 2 && !STOP_WORDS.has(part))
    : [];
}

function cleanQuery(query) {
  const phrases = [];
  const rest = query.replace(/"[^"]*"/g, phrase => { phrases.push(phrase); return " "; });
  wordOfStem = new Map();
  const words = rest.toLowerCase().split(/\s+/)
    .map(word => word.replace(/^[^\w+-]+|[^\w*]+$/g, ""))
    .filter(word => word.length > 1 && !STOP_WORDS.has(word) && !/^[+-]+$/.test(word));
  if (!words.length && !phrases.length) return query;
  const terms = words.flatMap(word => /^[+-]|[*~^]/.test(word) ? [word]
    : [`${word}^2`, stem(word), ...parts(word).map(part => `${stem(part)}^1`)]);
  return [...phrases, ...terms].join(" ");
}

// Material multiplies a page's opening (its title and first paragraphs) by 1 + (1 + f)² and a section
// by 1 + f², f being the share of the query's words found: a page whose title shares one word with the
// query outranked the section about it. Keep only part of that bonus.
function opening(item) {
  if (item.location.includes("#")) return 1;
  const found = Object.values(item.terms || {}), f = found.length ? found.filter(Boolean).length / found.length : 0;
  const section = 1 + f ** 2, article = 1 + (1 + f) ** 2;
  return (section + TUNING.articleBonus * (article - section)) / article;
}

function rerank(result) {
  const share = (pairs) => queryPairs.filter(pair => pairs.has(pair)).length / queryPairs.length;
  const groups = result.items.map(items => items.map(item => {
    const pairs = pairsOf.get(item.location);
    const boost = pairs && item.score && queryPairs.length
      ? 1 + TUNING.phraseText * share(pairs.text) + TUNING.phraseTitle * share(pairs.title) : 1;
    const taught = taughtAt.has(item.location) ? TUNING.glossary : 1;
    return { ...item, score: item.score * boost * taught * opening(item), terms: readersTerms(item.terms) };
  }).sort((a, b) => b.score - a.score));
  const top = Math.max(0, ...groups.flatMap(items => items.map(item => item.score)));
  for (const items of groups)
    for (const item of items) if (definedAt.has(item.location)) item.score += top;
  groups.forEach(items => items.sort((a, b) => b.score - a.score));
  // Each group's items are sorted, so its first holds the best score.
  return { ...result, items: groups.sort((a, b) => (b[0]?.score || 0) - (a[0]?.score || 0)) };
}

// lunr's query lexer keeps the word separator it was loaded with (spaces and hyphens), while the
// index uses the site's (mkdocs.yml: hyphens stay inside a word); a query must split as the text did.
function useSiteSeparator() {
  if (lunr.tokenizer.separator) lunr.QueryLexer.termSeparator = lunr.tokenizer.separator;
}

// A served page sends the index's config without its documents (search-on-demand.js), so that it
// never parses or copies 2 MB on its main thread; the documents are fetched and parsed here. A page
// opened from disk (the offline download) can fetch nothing and sends them all, as Material does.
const INDEX = new URL("../../../search/search_index.json", location.href);

async function withDocuments(message) {
  const index = message.data.docs.length ? message.data : await (await fetch(INDEX)).json();
  glossary = [...(index.glossary || index.config.glossary || []), ...pageTitles(index.docs)]; // from disk, in the config (search.py)
  glossaryStems = undefined;
  for (const doc of index.docs)
    pairsOf.set(doc.location, {
      title: new Set(adjacentPairs(contentWords(doc.title || ""))),
      text: new Set(adjacentPairs(contentWords(doc.text || ""))),
    });
  return { ...message, data: { ...message.data, config: withTemplates(index.config, index.docs), docs: index.docs } };
}

// A page's or a heading's title as words: no markup, no step number ("7. Monitoring and iteration").
function plainTitle(doc) {
  return (doc.title || "").toLowerCase().replace(/<[^>]*>/g, "").replace(/^\d+\.\s*/, "").trim();
}

function pageTitles(docs) {
  return docs.filter(doc => doc.location && !doc.location.includes("#"))
    .map(doc => ({ names: [plainTitle(doc)], location: doc.location }))
    .filter(entry => contentWords(entry.names[0]).length >= 2);
}

// A heading that many pages share is the page template's ("Pitfalls", "The knobs", "Keeping training
// and serving identical"), not a name for what its section says: its words weigh little more than its
// section's text, and only the other headings (and every page's title) weigh as titles. Every heading
// is indexed in `title` at templateTitle; the others also in `heading`, which brings them to the title
// boost of mkdocs.yml.
function withTemplates(config, docs) {
  const pagesOf = new Map();
  for (const doc of docs) {
    if (!doc.location.includes("#")) continue;
    const pages = pagesOf.get(plainTitle(doc)) || new Set();
    pages.add(doc.location.split("#")[0]);
    pagesOf.set(plainTitle(doc), pages);
  }
  const pageTitled = new Map(docs.filter(doc => !doc.location.includes("#")).map(doc => [plainTitle(doc), doc.location]));
  const namesAnotherPage = doc => pageTitled.has(plainTitle(doc)) && pageTitled.get(plainTitle(doc)) !== doc.location.split("#")[0];
  for (const doc of docs)
    if (!doc.location.includes("#") || ((pagesOf.get(plainTitle(doc))?.size || 0) < TUNING.templatePages && !namesAnotherPage(doc))) doc.heading = doc.title;
  const title = config.fields.title?.boost ?? 1;
  return { ...config, fields: { ...config.fields, title: { boost: TUNING.templateTitle }, heading: { boost: title - TUNING.templateTitle } } };
}

const listen = self.addEventListener.bind(self);
self.addEventListener = (type, handler, options) => listen(type, type !== "message" ? handler : event => {
  const message = event.data || {};
  if (message.type === SETUP) return withDocuments(message).then(data => handler({ data }));
  if (message.type !== QUERY) return handler(event);
  useSiteSeparator();
  queryPairs = adjacentPairs(contentWords(message.data.replace(/"/g, " ")));
  lookUpGlossary(message.data.replace(/"/g, " "));
  return handler({ data: { ...message, data: cleanQuery(message.data) } });
}, options);

const post = self.postMessage.bind(self);
self.postMessage = message => post(message && message.type === RESULT ? { ...message, data: rerank(message.data) } : message);

// A worker's own URL is its `location`. Opened from disk (the offline download), the page may not
// start a worker, so Material runs this in a hidden iframe (iframe-worker): there `location` is the
// page's, this file is `document.currentScript`, and importScripts adds a script and returns a Promise.
const here = self.document?.currentScript?.src || location.href;
const material = new URL(new URL(here).searchParams.get("material"), here).href;
Promise.resolve(importScripts(material)).then(() => {
  // lunr 2.3.9 keys the nodes of its word automaton by gluing edge labels to node ids, so
  // {"1" -> 23, "4" -> 5} and {"1" -> 2345} became one node, and the index then "contained" words it
  // does not have; a query reaching one threw and showed nothing. Key them apart.
  lunr.TokenSet.prototype.toString = function () {
    if (this._str) return this._str;
    let str = this.final ? "1" : "0";
    for (const label of Object.keys(this.edges).sort()) str += " " + label + ":" + this.edges[label].id;
    return (this._str = str);
  };
  const setB = lunr.Builder.prototype.b;
  lunr.Builder.prototype.b = function () { setB.call(this, TUNING.b); };
});
