// Node: the site's search worker (Material's worker with docs/assets/javascripts/workers/search-guide.js
// around it) run outside a browser over a built site's index, for quick relevance measurements
// while tuning (`python scripts/search_relevance.py SITE --node`). The browser run stays the
// measurement of record: it types into the real search box.
//
// usage: [SEARCH_TUNING=JSON] node scripts/search_node.js SITE_DIR < queries (one a line)
// prints one JSON line per query: [[page location, best item location, text of the page's items, best score], ...]
const vm = require("vm"), fs = require("fs"), path = require("path");
const site = process.argv[2];
const workers = path.join(site, "assets", "javascripts", "workers");
const material = path.join(workers, fs.readdirSync(workers).find(name => /^search\.[0-9a-f]+\.min\.js$/.test(name)));
const guide = path.join(workers, "search-guide.js");
const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"));

let listener, reply;
const sandbox = {
  console, URL, setTimeout, Promise,
  location: { href: "http://site/assets/javascripts/workers/search-guide.js?material=" + path.basename(material) },
  addEventListener(type, handler) { if (type === "message") listener = handler; },
  postMessage(message) { reply(message); },
  fetch: async () => ({ json: async () => index }),
};
sandbox.self = sandbox;
sandbox.importScripts = () => vm.runInContext(fs.readFileSync(material, "utf8"), sandbox);
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(guide, "utf8"), sandbox);
// Other values of the worker's TUNING, to measure them: SEARCH_TUNING='{"b": 0.5}'
vm.runInContext(`Object.assign(TUNING, ${process.env.SEARCH_TUNING || "{}"})`, sandbox);

const send = data => new Promise(resolve => { reply = resolve; listener({ data }); });
const strip = html => String(html || "").replace(/<[^>]*>/g, " ");

setTimeout(async () => {
  await send({ type: 0, data: { ...index, options: { suggest: true } } });  // the features in mkdocs.yml
  const queries = fs.readFileSync(0, "utf8").split("\n").filter(Boolean);
  for (const query of queries) {
    const { data } = await send({ type: 2, data: query });
    const groups = data.items.map(items => {
      const page = items.find(item => !item.location.includes("#")) || items[0];
      const best = items.reduce((a, b) => (b.score > a.score ? b : a), items[0]);
      return [page.location, best.location, items.map(item => strip(item.title) + " " + strip(item.text)).join(" "), +best.score.toFixed(3)];
    });
    process.stdout.write(JSON.stringify(groups.slice(0, 10)) + "\n");
  }
}, 0);
