// Drawing one Mermaid diagram into a self-contained SVG: the one way the guide draws a diagram.
//
// The build draws every diagram with this module in headless Chromium and puts the SVG in the page
// (overrides/hooks/diagrams.py); `make serve` draws them with it in the author's browser
// (diagrams.js). Either way the drawing is the same: Mermaid from docs/assets/vendor/mermaid (the
// release package-lock.json pins), the Inter font the site serves itself (so labels measured here fit
// their boxes on every reader's machine), and colours that are CSS variables of the page's palette
// (Material defines --md-mermaid-* and --md-default-* for light and dark), so one drawing serves both.
import mermaid from "../vendor/mermaid/mermaid.esm.min.mjs";
import { simplifyOutline } from "./simplify-outline.mjs";

export const FONT_FAMILY = '"Inter", sans-serif';
const FONT_WEIGHTS = ["400", "700"];

// Rules Mermaid scopes to each drawing (`#id ...`), after its own. `&` is the <svg> itself.
export const THEME_CSS = `
  & { font-family: ${FONT_FAMILY}; font-size: 16px; line-height: normal; letter-spacing: normal;
      word-spacing: normal; text-transform: none; font-variant-ligatures: none; font-feature-settings: normal; }
  p { margin: 0; }
  foreignObject div { font-family: ${FONT_FAMILY}; }

  /* flowcharts */
  .node rect, .node circle, .node ellipse, .node polygon, .node path {
    fill: var(--md-mermaid-node-bg-color); stroke: var(--md-mermaid-node-fg-color); }
  .label, .nodeLabel, .nodeLabel p { color: var(--md-mermaid-label-fg-color); font-family: ${FONT_FAMILY}; }
  .label foreignObject { overflow: visible; line-height: normal; }
  .edgeLabel, .edgeLabel p { color: var(--md-mermaid-edge-color); background-color: var(--md-mermaid-label-bg-color);
                             fill: var(--md-mermaid-label-bg-color); }
  .edgeLabel .label rect { fill: transparent; }
  .labelBkg { background-color: transparent; }
  .edgePath .path, .flowchart-link { stroke: var(--md-mermaid-edge-color); }
  .edgePath .arrowheadPath, marker { fill: var(--md-mermaid-edge-color) !important; stroke: none; }
  .cluster rect { fill: var(--md-default-fg-color--lightest); stroke: var(--md-default-fg-color--lighter); }
  .cluster .nodeLabel, .cluster span, .cluster-label span { color: var(--md-mermaid-label-fg-color); }
  .flowchartTitleText { fill: var(--md-mermaid-label-fg-color); }

  /* state diagrams */
  g.stateGroup rect, .statediagram-state rect.basic, .statediagram-cluster rect {
    fill: var(--md-mermaid-node-bg-color); stroke: var(--md-mermaid-node-fg-color); }
  .statediagram-cluster.statediagram-cluster .inner, g.stateGroup .composit { fill: var(--md-default-bg-color); }
  .statediagram-state rect.divider { fill: var(--md-default-fg-color--lightest); stroke: var(--md-default-fg-color--lighter); }
  g.stateGroup text, g.stateGroup .state-title { fill: var(--md-mermaid-label-fg-color) !important; }
  .node circle.state-start, .node circle.state-end, .start-state, .end-state-inner, .end-state-outer {
    fill: var(--md-mermaid-edge-color); stroke: none; }
  .node circle.state-end, .end-state-inner { stroke: var(--md-default-bg-color); }
  .transition, .relationshipLine { stroke: var(--md-mermaid-edge-color); }
  [id$="barbEnd"] { fill: var(--md-mermaid-edge-color); stroke: var(--md-mermaid-edge-color); }
  .statediagram-note rect, .note-edge { fill: var(--md-mermaid-sequence-note-bg-color); stroke: var(--md-mermaid-sequence-note-border-color); }
  .statediagram-note text, .statediagram-note span { fill: var(--md-mermaid-sequence-note-fg-color); color: var(--md-mermaid-sequence-note-fg-color); }
  .statediagramTitleText { fill: var(--md-mermaid-label-fg-color); }

  /* sequence diagrams */
  .actor { fill: var(--md-mermaid-sequence-actor-bg-color); stroke: var(--md-mermaid-sequence-actor-border-color); }
  text.actor, text.actor > tspan { fill: var(--md-mermaid-sequence-actor-fg-color); font-family: ${FONT_FAMILY}; }
  .actor-line { stroke: var(--md-mermaid-sequence-actor-line-color); }
  .messageLine0, .messageLine1 { stroke: var(--md-mermaid-sequence-message-line-color); }
  .messageText { fill: var(--md-mermaid-sequence-message-fg-color); stroke: none; font-family: ${FONT_FAMILY} !important; }
  .note { fill: var(--md-mermaid-sequence-note-bg-color); stroke: var(--md-mermaid-sequence-note-border-color); }
  .noteText, .noteText > tspan { fill: var(--md-mermaid-sequence-note-fg-color); stroke: none; font-family: ${FONT_FAMILY} !important; }
  .loopLine { fill: var(--md-mermaid-sequence-loop-bg-color); stroke: var(--md-mermaid-sequence-loop-border-color); }
  .loopText, .loopText > tspan { fill: var(--md-mermaid-sequence-loop-fg-color); stroke: none; font-family: ${FONT_FAMILY} !important; }
  .labelBox { fill: var(--md-mermaid-sequence-label-bg-color); stroke: none; }
  .labelText, .labelText > tspan { fill: var(--md-mermaid-sequence-label-fg-color); font-family: ${FONT_FAMILY}; }
  .sequenceNumber { fill: var(--md-mermaid-sequence-number-fg-color); }
  [id$="arrowhead"] path, [id$="crosshead"] path { fill: var(--md-mermaid-sequence-message-line-color); stroke: var(--md-mermaid-sequence-message-line-color); }
  .activation0, .activation1, .activation2 { fill: var(--md-default-fg-color--lightest); stroke: var(--md-mermaid-sequence-actor-border-color); }
  rect.rect { fill: var(--md-mermaid-sequence-box-bg-color); stroke: none; }

  /* xy charts: the page's background and text colours; series colours come from the source */
  .main:has(> .plot) > .background { fill: transparent; }
  .main:has(> .plot) text { fill: var(--md-default-fg-color--light); }
  .main:has(> .plot) .chart-title text { fill: var(--md-default-fg-color); }
  .main:has(> .plot) .axis-line path, .main:has(> .plot) .axisl-line path, .main:has(> .plot) .ticks path {
    stroke: var(--md-default-fg-color--light); }

  /* quadrant charts */
  .quadrants .quadrant rect { fill: var(--md-default-fg-color--lightest); stroke: none; }
  .quadrants .quadrant:nth-child(odd) rect { fill: var(--md-mermaid-node-bg-color); }
  .quadrants text, .labels text, .title text { fill: var(--md-default-fg-color) !important; }
  .border line { stroke: var(--md-default-fg-color--light) !important; }
  .data-points circle { fill: var(--md-mermaid-node-fg-color) !important; stroke: var(--md-default-bg-color) !important; }
  .data-points text { fill: var(--md-default-fg-color) !important; }

  /* gantt charts */
  .grid .tick line { stroke: var(--md-default-fg-color--lightest); }
  .grid .tick text { fill: var(--md-default-fg-color--light); font-size: 13px; }
  .grid .domain { fill: none; stroke: none; }
  .section0, .section2 { fill: var(--md-default-fg-color--lightest); }
  .section1, .section3 { fill: transparent; }
  .sectionTitle, .sectionTitle0, .sectionTitle1, .sectionTitle2, .sectionTitle3, .titleText {
    fill: var(--md-default-fg-color) !important; }
  /* bars in the chart series colours, translucent so that text reads on them in either palette */
  .task0, .task1, .task2, .task3, .task { fill: #5c6bc040; stroke: #5c6bc0; }
  .active0, .active1, .active2, .active3 { fill: #2e7d3240; stroke: #2e7d32; }
  .done0, .done1, .done2, .done3 { fill: var(--md-default-fg-color--lightest); stroke: var(--md-default-fg-color--light); }
  .crit0, .crit1, .crit2, .crit3 { fill: #ef6c0040; stroke: #ef6c00; }
  .milestone { fill: #5c6bc0; stroke: #5c6bc0; }
  .taskText, .taskText0, .taskText1, .taskText2, .taskText3, .taskTextOutsideRight, .taskTextOutsideLeft,
  .taskTextOutside0, .taskTextOutside1, .taskTextOutside2, .taskTextOutside3,
  .activeText0, .activeText1, .activeText2, .activeText3, .doneText0, .doneText1, .doneText2, .doneText3,
  .critText0, .critText1, .critText2, .critText3 { fill: var(--md-default-fg-color) !important; }
  .today { stroke: var(--md-accent-fg-color); }

  /* pie charts */
  .pieTitleText, .legend text { fill: var(--md-default-fg-color); }
  .slice { fill: var(--md-default-bg-color); }
  .pieCircle { stroke: var(--md-default-bg-color); }
  .pieOuterCircle { stroke: var(--md-default-fg-color--light); }
`;

export const CONFIG = {
  startOnLoad: false,
  theme: "default",
  fontFamily: FONT_FAMILY,
  themeCSS: THEME_CSS,
  suppressErrorRendering: true,
  // A gantt chart is as wide as the printed column, whatever the window it is drawn in.
  gantt: { useWidth: 672, fontSize: 14, sectionFontSize: 14 },
  sequence: { actorFontSize: "16px", messageFontSize: "16px", noteFontSize: "16px",
              actorFontFamily: FONT_FAMILY, messageFontFamily: FONT_FAMILY, noteFontFamily: FONT_FAMILY },
};

let ready;
function setUp() {
  ready ||= (async () => {
    mermaid.initialize(CONFIG);
    await Promise.all(FONT_WEIGHTS.map(weight => document.fonts.load(`${weight} 16px ${FONT_FAMILY}`)));
  })();
  return ready;
}

// Every element id in the drawing names the drawing, so two drawings on one page never share an id
// (Mermaid gives some markers and gradients the same id in every drawing).
const ID_REFERENCES = ["aria-labelledby", "aria-describedby"];
function ownIds(svg, id) {
  const renamed = new Map();
  for (const element of svg.querySelectorAll("[id]")) {
    if (element.id.includes(id)) continue;
    const name = `${id}-${element.id}`;
    renamed.set(element.id, name);
    element.id = name;
  }
  if (!renamed.size) return;
  const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const reference = new RegExp(`#(${[...renamed.keys()].map(escape).join("|")})(?![\\w-])`, "g");
  const fix = text => text.replace(reference, (_, name) => "#" + renamed.get(name));
  for (const element of [svg, ...svg.querySelectorAll("*")]) {
    for (const attribute of [...element.attributes]) {
      if (ID_REFERENCES.includes(attribute.name)) {
        element.setAttribute(attribute.name, attribute.value.split(/\s+/).map(name => renamed.get(name) || name).join(" "));
      } else if (attribute.value.includes("#")) {
        element.setAttribute(attribute.name, fix(attribute.value));
      }
    }
  }
  for (const style of svg.querySelectorAll("style")) style.textContent = fix(style.textContent);
}

// Measure a drawing laid out at its natural size: grow its viewBox to take in any text drawn outside
// it (Mermaid centres a long chart title on the chart and lets it overflow), and return the smallest
// text, in CSS pixels at that size.
function measure(holder) {
  const svg = holder.firstElementChild;
  holder.style.cssText = `position:absolute;left:-99999px;top:0;width:${svg.style.maxWidth || "1000px"}`;
  document.body.append(holder);
  const box = svg.viewBox.baseVal, frame = svg.getBoundingClientRect();
  const unit = box.width / frame.width;  // user units per CSS pixel
  let [left, top, right, bottom] = [box.x, box.y, box.x + box.width, box.y + box.height];
  for (const text of svg.querySelectorAll("text, foreignObject")) {
    const r = text.getBoundingClientRect();
    if (!r.width) continue;
    left = Math.min(left, Math.floor(box.x + (r.left - frame.left) * unit));
    top = Math.min(top, Math.floor(box.y + (r.top - frame.top) * unit));
    right = Math.max(right, Math.ceil(box.x + (r.right - frame.left) * unit));
    bottom = Math.max(bottom, Math.ceil(box.y + (r.bottom - frame.top) * unit));
  }
  if (left < box.x || top < box.y || right > box.x + box.width || bottom > box.y + box.height) {
    const ratio = parseFloat(svg.style.maxWidth) / box.width || 1;
    svg.setAttribute("viewBox", `${left} ${top} ${right - left} ${bottom - top}`);
    if (svg.style.maxWidth) svg.style.maxWidth = `${(right - left) * ratio}px`;
  }
  pruneStyles(svg);
  const scale = (parseFloat(svg.style.maxWidth) || box.width) / svg.viewBox.baseVal.width;
  let smallest = Infinity;
  for (const element of holder.querySelectorAll("text, tspan, foreignObject *")) {
    const own = [...element.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (own) smallest = Math.min(smallest, parseFloat(getComputedStyle(element).fontSize));
  }
  holder.remove();
  return Number.isFinite(smallest) ? Math.round(smallest * scale * 10) / 10 : 16;
}

// A page carries every drawing inline, so each is made as small as it can be without changing what
// it shows: Mermaid's style sheet (rules for every part its diagram type can draw, about 15 kB a
// drawing) keeps only the rules that match something in this drawing; attributes Mermaid keeps for
// interaction (edge points, ids) go, but for data-look, which its styles select on; coordinates keep
// two decimals (a hundredth of a pixel), not thirteen, and outlines (path data, the bulk of a
// drawing) one: a tenth of a pixel is finer than any screen or printer shows, and it takes an eighth
// off a diagram page gzipped. Text boxes keep two, so no label loses a hair of its width.
const DYNAMIC = /::?(?:hover|focus|focus-visible|focus-within|active|visited|before|after|placeholder)\b/g;
function pruneStyles(svg) {
  for (const style of svg.querySelectorAll("style")) {
    if (!style.sheet) continue;
    const kept = [], animations = new Set();
    for (const rule of style.sheet.cssRules) {
      if (rule instanceof CSSStyleRule) {
        let used = true;
        try { used = !!svg.parentNode.querySelector(rule.selectorText.replace(DYNAMIC, "")); } catch { /* keep it */ }
        if (used) {
          kept.push(rule.cssText);
          (rule.style.animationName || rule.style.animation || "").split(/[\s,]+/).forEach(name => animations.add(name));
        }
      } else if (!(rule instanceof CSSKeyframesRule) || animations.has(rule.name)) {
        kept.push(rule.cssText);
      }
    }
    style.textContent = kept.join("");
  }
}

// Numbers, tokenised as SVG reads them: path data may run them together (".258.001" is two), so
// the match never starts inside a number. One with three or more decimals is rounded to two, with a
// separator wherever the rounded number could merge with a neighbour.
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/g;
function round(number, at, text, decimals) {
  if (!new RegExp(`\\.\\d{${decimals + 1},}`).test(number)) return number;
  const rounded = String(Math.round(Number(number) * 10 ** decimals) / 10 ** decimals);
  const before = at > 0 && /[\d.]/.test(text[at - 1]) ? " " : "";
  const after = /[\d.]/.test(text[at + number.length] || "") ? " " : "";
  return before + rounded + after;
}
const OUTLINES = ["d", "points"];
const GEOMETRY = [...OUTLINES, "transform", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height"];
function slim(svg) {
  // Node outlines (rough.js's paths, the ones without a class), drawn once and short; a dashed one
  // stays as it is, as joining its strokes would move its dashes.
  for (const path of svg.querySelectorAll("path:not([class])")) {
    const dashes = `${path.getAttribute("stroke-dasharray") || ""} ${path.style.strokeDasharray}`;
    if (/[1-9]/.test(dashes)) continue;
    const { d, fills } = simplifyOutline(path.getAttribute("d") || "");
    path.setAttribute("d", d);
    if (!fills) path.style.setProperty("fill", "none", "important");
  }
  for (const element of [svg, ...svg.querySelectorAll("*")]) {
    for (const { name, value } of [...element.attributes]) {
      if (name.startsWith("data-") && name !== "data-look") {
        element.removeAttribute(name);
      } else if (GEOMETRY.includes(name) && element !== svg) {
        const decimals = OUTLINES.includes(name) ? 1 : 2;
        element.setAttribute(name, value.replace(NUMBER, (number, at, text) => round(number, at, text, decimals)));
      }
    }
  }
}

// Draw one diagram. Resolves to { svg, width, height, font }: the SVG's markup, its natural size in
// CSS pixels, and its smallest text in CSS pixels at that size; rejects with Mermaid's message when
// the source does not parse. The SVG fills its container's width (the page's CSS caps it at its natural
// width); its viewBox keeps the aspect ratio.
export async function drawDiagram(id, source) {
  await setUp();
  await Promise.all(FONT_WEIGHTS.map(weight => document.fonts.load(`${weight} 16px ${FONT_FAMILY}`, source)));
  const { svg: markup } = await mermaid.render(id, source);
  const holder = document.createElement("div");
  holder.innerHTML = markup;
  const svg = holder.querySelector("svg");
  ownIds(svg, id);
  const font = measure(holder);
  const box = svg.viewBox.baseVal;
  const maxWidth = parseFloat(svg.style.maxWidth);
  const width = Math.ceil(maxWidth || box.width), height = Math.ceil(box.height * (maxWidth ? maxWidth / box.width : 1));
  slim(svg);
  svg.style.removeProperty("max-width");
  if (!svg.getAttribute("style")) svg.removeAttribute("style");
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  return { svg: svg.outerHTML, width, height, font };
}
