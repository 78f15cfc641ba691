// Node: lunr's automaton keys of two different nodes, {"1" -> node 23, "4" -> node 5} and
// {"1" -> node 2345}, with Material's search worker as shipped ("material") or with the site's
// wrapper (search-guide.js) loaded over it ("guide"). Prints whether the keys collide.
const vm = require("vm"), fs = require("fs");
const [material, guide, mode] = process.argv.slice(2);
const sandbox = { console, URL, setTimeout, addEventListener() {}, postMessage() {}, location: { href: "http://x/?material=m" } };
sandbox.self = sandbox;
sandbox.importScripts = () => vm.runInContext(fs.readFileSync(material, "utf8"), sandbox);
vm.createContext(sandbox);
if (mode === "guide") vm.runInContext(fs.readFileSync(guide, "utf8"), sandbox);
else sandbox.importScripts();
setTimeout(() => {  // the wrapper patches lunr once its import has settled
  const { TokenSet } = sandbox.lunr;
  const node = (id, edges) => Object.assign(new TokenSet(), { id, edges, final: false });
  const a = node(1, { 1: node(23, {}), 4: node(5, {}) });
  const b = node(2, { 1: node(2345, {}) });
  console.log(a.toString() === b.toString() ? "collide" : "distinct");
}, 0);
