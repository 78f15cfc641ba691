// The outline of a node shape, as short as it can be while it draws the same.
//
// Mermaid 11 draws node shapes with rough.js, which even at roughness 0 strokes every segment twice
// (`M a C … b M a C … b`, the second with slightly different control points) and splits a rounded
// corner into dozens of tiny curves. Here: a curve whose control points lie on its chord is a line, a
// stroke that repeats the one before is dropped, strokes that meet are joined into one, and runs of
// lines lose the points that sit within TOLERANCE of the line through their neighbours. A tenth of
// a user unit is no more than the rounding of the outline's coordinates (draw-diagram.mjs).
const TOLERANCE = 0.1;
const REPEAT = 0.5;  // how far a repeated stroke's control points may lie from the first one's

const TOKEN = /[MLCZmlcz]|-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[^\s,]/g;

// Subpaths [{ start: [x, y], segments: [{ to, c1?, c2? }], closed }], or null for path data using
// anything but absolute M, L, C and Z (left as it is).
function parse(d) {
  const tokens = d.match(TOKEN) || [];
  const subpaths = [];
  let command = null, current = null, i = 0;
  const point = () => [Number(tokens[i++]), Number(tokens[i++])];
  while (i < tokens.length) {
    if (/^[A-Za-z]$/.test(tokens[i])) {
      command = tokens[i++];
      if (!"MLCZ".includes(command)) return null;
      if (command === "Z") {
        if (!current) return null;
        current.closed = true;
        current = null;
      }
      continue;
    }
    if (command === "M") {
      current = { start: point(), segments: [], closed: false };
      subpaths.push(current);
      command = "L";  // further pairs after a move are lines
    } else if (command === "L" && current) {
      current.segments.push({ to: point() });
    } else if (command === "C" && current) {
      current.segments.push({ c1: point(), c2: point(), to: point() });
    } else {
      return null;
    }
  }
  const numbers = subpaths.flatMap(p => [...p.start, ...p.segments.flatMap(s => [...(s.c1 || []), ...(s.c2 || []), ...s.to])]);
  return numbers.some(n => !Number.isFinite(n)) ? null : subpaths;
}

const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]);

// How far p lies from the segment a-b (from a, if the segment has no length).
function offLine(p, a, b) {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length2 = dx * dx + dy * dy;
  if (!length2) return distance(p, a);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return distance(p, [a[0] + t * dx, a[1] + t * dy]);
}

// Points of a run of lines, keeping those further than TOLERANCE from the simplified line (Douglas-Peucker).
function thin(points) {
  if (points.length < 3) return points;
  let worst = 0, at = 0;
  for (let k = 1; k < points.length - 1; k++) {
    const off = offLine(points[k], points[0], points[points.length - 1]);
    if (off > worst) [worst, at] = [off, k];
  }
  if (worst <= TOLERANCE) return [points[0], points[points.length - 1]];
  return [...thin(points.slice(0, at + 1)).slice(0, -1), ...thin(points.slice(at))];
}

function sameStroke(a, b) {
  if (a.closed !== b.closed || a.segments.length !== b.segments.length) return false;
  if (distance(a.start, b.start) > TOLERANCE) return false;
  return a.segments.every((s, k) => {
    const t = b.segments[k];
    if (!s.c1 !== !t.c1 || distance(s.to, t.to) > TOLERANCE) return false;
    return !s.c1 || (distance(s.c1, t.c1) <= REPEAT && distance(s.c2, t.c2) <= REPEAT);
  });
}

const format = ([x, y]) => `${Math.round(x * 100) / 100} ${Math.round(y * 100) / 100}`;

// Resolves to { d, fills }: the shorter path data (or d itself), and whether it encloses any area.
// When no stroke of it does (rough.js's strokes are single straight segments), the strokes that meet
// are joined into one, which is what makes the outline short; the caller then must not let the joined
// outline be filled, as the separate strokes never were.
export function simplifyOutline(d) {
  const subpaths = parse(d);
  if (!subpaths || !subpaths.length) return { d, fills: true };
  // Curves on their chord become lines; segments of no length go.
  for (const path of subpaths) {
    let from = path.start;
    path.segments = path.segments.filter(s => {
      if (s.c1 && offLine(s.c1, from, s.to) <= TOLERANCE / 2 && offLine(s.c2, from, s.to) <= TOLERANCE / 2) {
        delete s.c1;
        delete s.c2;
      }
      const kept = s.c1 || distance(from, s.to) > TOLERANCE / 10;
      if (kept) from = s.to;
      return kept;
    });
  }
  // Each stroke once.
  const strokes = [];
  for (const path of subpaths) {
    if (!path.segments.length && !path.closed) continue;
    if (!strokes.length || !sameStroke(strokes[strokes.length - 1], path)) strokes.push(path);
  }
  const end = path => path.segments.length ? path.segments[path.segments.length - 1].to : path.start;
  const flat = path => !path.closed && path.segments.every(s => !s.c1 && offLine(s.to, path.start, end(path)) <= TOLERANCE / 10);
  const fills = !strokes.every(flat);
  const kept = [];
  for (const path of strokes) {
    const last = kept[kept.length - 1];
    if (!fills && last && distance(end(last), path.start) <= TOLERANCE / 10) last.segments.push(...path.segments);
    else kept.push({ ...path, segments: [...path.segments] });
  }
  let out = "";
  for (const path of kept) {
    out += "M" + format(path.start);
    let run = [path.start];
    const flush = () => {
      for (const p of thin(run).slice(1)) out += "L" + format(p);
      run = [run[run.length - 1]];
    };
    for (const s of path.segments) {
      if (s.c1) {
        flush();
        out += "C" + [s.c1, s.c2, s.to].map(format).join(" ");
        run = [s.to];
      } else {
        run.push(s.to);
      }
    }
    flush();
    if (path.closed) out += "Z";
  }
  return out.length < d.length ? { d: out, fills: fills || kept.length === strokes.length } : { d, fills: true };
}
