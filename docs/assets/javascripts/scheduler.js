// Spaced repetition for the flashcards: SM-2 as Anki schedules it, as pure functions of a card's
// state, a grade and the time. No DOM and no storage here: flashcards.js keeps the states, and
// tests/test_practice.py runs these functions under node.
//
// SM-2 is Woźniak's SuperMemo 2 (P. A. Woźniak, "Optimization of learning", master's thesis,
// Poznań University of Technology, 1990): each card has an ease factor, and a successful review
// multiplies its interval by that factor. Anki's variant, followed here with Anki's defaults (the
// Anki manual, "Deck Options"; the v3 scheduler, rslib/src/scheduler/states/ in ankitects/anki):
//   - four grades: 1 Again, 2 Hard, 3 Good, 4 Easy;
//   - a new card goes through learning steps (1 min, 10 min): Again goes back to the first step,
//     Hard waits the average of the first two steps on the first step (5.5 min) and repeats the
//     step otherwise, Good moves to the next step and after the last one graduates to a 1-day
//     interval, Easy graduates at once to 4 days;
//   - a review card's ease starts at 2.5; Hard takes 0.15 off it, Easy adds 0.15, Again takes 0.20
//     off, never below 1.3; the interval after Hard is interval × 1.2, after Good
//     (interval + days late ÷ 2) × ease, after Easy (interval + days late) × ease × 1.3, each
//     rounded and at least one day more than the grade below it (Hard at least interval + 1);
//   - Again on a review card (a lapse) sets the interval to 1 day (interval × 0, at least 1) and
//     sends the card through one relearning step of 10 min.
// Anki adds a random fuzz to review intervals so cards learnt together spread out; this does not,
// so the same grades always give the same intervals. A card is answered only when it is due, so
// Anki's rule for reviewing early is not needed. Ease is kept in thousandths (2500 is 2.5), as
// Anki stores it, so the arithmetic is exact.
(function (root) {
  const MINUTE = 60 * 1000;
  const DAY_MS = 24 * 60 * MINUTE;

  const DEFAULTS = Object.freeze({
    learningSteps: [1, 10],   // minutes
    relearningSteps: [10],    // minutes
    graduatingInterval: 1,    // days, Good on the last learning step
    easyInterval: 4,          // days, Easy on a new or learning card
    startingEase: 2500,       // thousandths
    minimumEase: 1300,
    easeAgain: -200,
    easeHard: -150,
    easeEasy: 150,
    hardInterval: 1.2,
    easyBonus: 1.3,
    intervalModifier: 1,
    newInterval: 0,           // share of the interval kept after a lapse
    minimumInterval: 1,       // days, after a lapse
    maximumInterval: 36500,   // days
    newPerDay: 20,
    learnAheadMinutes: 20,    // a learning card due this soon is shown when nothing else is due
    dayStartsAtHour: 4,       // a new day starts at 4 a.m., as in Anki
  });

  function options(overrides) {
    return Object.assign({}, DEFAULTS, overrides || {});
  }

  // The day a moment falls on, counted from 1970-01-01 in local time, where a day starts at
  // `dayStartsAtHour`. Counting calendar dates keeps daylight-saving days one day long.
  function dayNumber(ms, opts) {
    const o = options(opts);
    const d = new Date(ms - o.dayStartsAtHour * 3600 * 1000);
    return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
  }

  // Learning steps, as Anki's steps.rs counts them: `remaining` steps left, the current step is
  // steps.length - remaining.
  function stepIndex(steps, remaining) {
    return Math.min(Math.max(steps.length - remaining, 0), Math.max(steps.length - 1, 0));
  }

  function roundInDays(secs) {
    const day = 86400;
    return secs > day ? Math.round(secs / day) * day : secs;
  }

  function hardDelayMinutes(steps, remaining) {
    if (!steps.length) return null;
    const i = stepIndex(steps, remaining);
    const current = steps[i];
    if (i > 0) return current;
    const secs = steps.length > 1
      ? Math.floor((current * 60 + steps[1] * 60) / 2)
      : Math.min(Math.floor(current * 60 * 3 / 2), current * 60 + 86400);
    return roundInDays(secs) / 60;
  }

  function goodDelayMinutes(steps, remaining) {
    const i = stepIndex(steps, remaining);
    return i + 1 < steps.length ? steps[i + 1] : null;
  }

  function constrain(interval, minimum, o) {
    const lo = Math.min(Math.max(minimum, 1), o.maximumInterval);
    return Math.min(Math.max(Math.round(interval * o.intervalModifier), lo), o.maximumInterval);
  }

  function newCard() {
    return { type: "new" };
  }

  function learning(state, type, remaining, minutes, now) {
    return Object.assign({}, state, { type, remaining, due: now + minutes * MINUTE });
  }

  function review(state, ivl, ease, today) {
    const next = Object.assign({}, state, { type: "review", ivl, ease, due: today + ivl });
    delete next.remaining;
    return next;
  }

  // The state after answering `grade` (1 Again, 2 Hard, 3 Good, 4 Easy) at time `now` (ms).
  // States: {type: "new"}; {type: "learning" | "relearning", remaining, due: ms, ...};
  // {type: "review", ivl: days, ease: thousandths, due: day number, ...}. Every answered card also
  // carries reps, lapses, first (the day it was first answered) and last (the day of this answer).
  function answer(state, grade, now, opts) {
    const o = options(opts);
    if (![1, 2, 3, 4].includes(grade)) throw new RangeError("grade must be 1, 2, 3 or 4");
    const today = dayNumber(now, o);
    const base = Object.assign({}, state, {
      reps: (state.reps || 0) + 1, lapses: state.lapses || 0, last: today,
      first: state.first === undefined ? today : state.first,
    });

    if (state.type === "new" || state.type === "learning") {
      const steps = o.learningSteps;
      const remaining = state.type === "new" ? steps.length : state.remaining;
      const graduate = ivl => review(base, constrain(ivl, 1, o), o.startingEase, today);
      if (grade === 1) return steps.length ? learning(base, "learning", steps.length, steps[0], now) : graduate(o.graduatingInterval);
      if (grade === 2) {
        const delay = hardDelayMinutes(steps, remaining);
        return delay === null ? graduate(o.graduatingInterval) : learning(base, "learning", remaining, delay, now);
      }
      if (grade === 3) {
        const delay = goodDelayMinutes(steps, remaining);
        const left = steps.length - (stepIndex(steps, remaining) + 1);
        return delay === null ? graduate(o.graduatingInterval) : learning(base, "learning", left, delay, now);
      }
      return graduate(o.easyInterval);
    }

    if (state.type === "relearning") {
      const steps = o.relearningSteps;
      if (grade === 1) {
        const ivl = failingInterval(state.ivl, o);
        return steps.length ? learning(Object.assign(base, { ivl }), "relearning", steps.length, steps[0], now)
          : review(base, ivl, state.ease, today);
      }
      if (grade === 2) {
        const delay = hardDelayMinutes(steps, state.remaining);
        return delay === null ? review(base, state.ivl, state.ease, today)
          : learning(base, "relearning", state.remaining, delay, now);
      }
      if (grade === 3) {
        const delay = goodDelayMinutes(steps, state.remaining);
        const left = steps.length - (stepIndex(steps, state.remaining) + 1);
        return delay === null ? review(base, state.ivl, state.ease, today)
          : learning(base, "relearning", left, delay, now);
      }
      return review(base, state.ivl + 1, state.ease, today);
    }

    if (state.type === "review") {
      const ease = state.ease;
      if (grade === 1) {
        const lapsed = Object.assign(base, { lapses: base.lapses + 1 });
        const ivl = failingInterval(state.ivl, o);
        const lowered = Math.max(o.minimumEase, ease + o.easeAgain);
        if (!o.relearningSteps.length) return review(lapsed, ivl, lowered, today);
        return Object.assign(learning(lapsed, "relearning", o.relearningSteps.length, o.relearningSteps[0], now),
          { ivl, ease: lowered });
      }
      const [hard, good, easy] = passingIntervals(state.ivl, ease, Math.max(0, today - state.last - state.ivl), o);
      if (grade === 2) return review(base, hard, Math.max(o.minimumEase, ease + o.easeHard), today);
      if (grade === 3) return review(base, good, ease, today);
      return review(base, easy, ease + o.easeEasy, today);
    }
    throw new TypeError("unknown card state " + JSON.stringify(state));
  }

  function failingInterval(ivl, o) {
    return Math.max(Math.floor(ivl * o.newInterval), o.minimumInterval, 1);
  }

  // Hard, Good and Easy intervals of a review card (Anki's passing_nonearly_review_intervals).
  function passingIntervals(ivl, ease, daysLate, o) {
    const factor = ease / 1000;
    const hardMinimum = o.hardInterval <= 1 ? 0 : ivl + 1;
    const hard = constrain(ivl * o.hardInterval, hardMinimum, o);
    const goodMinimum = o.hardInterval <= 1 ? ivl + 1 : hard + 1;
    const good = constrain((ivl + daysLate / 2) * factor, goodMinimum, o);
    const easy = constrain((ivl + daysLate) * factor * o.easyBonus, good + 1, o);
    return [hard, good, easy];
  }

  // Is the card to be shown at `now`? New cards are rationed by the caller (new cards per day).
  function isDue(state, now, opts, aheadMinutes) {
    const o = options(opts);
    if (!state || state.type === "new") return false;
    if (state.type === "review") return state.due <= dayNumber(now, o);
    return state.due <= now + (aheadMinutes || 0) * MINUTE;
  }

  // When the card comes back, for the label under each grade button: "1 min", "10 min", "4 days".
  function describe(state, now, opts) {
    const o = options(opts);
    if (state.type === "review") {
      const days = state.due - dayNumber(now, o);
      if (days < 31) return days === 1 ? "1 day" : `${days} days`;
      if (days < 365) return `${Math.round(days / 30.4 * 10) / 10} mo`;
      return `${Math.round(days / 365 * 10) / 10} yr`;
    }
    const minutes = Math.max(1, Math.round((state.due - now) / MINUTE));
    return minutes < 60 ? `${minutes} min` : minutes < 1440 ? `${Math.round(minutes / 6) / 10} h` : `${Math.round(minutes / 144) / 10} days`;
  }

  // Today's queue over `ids` (in the order new cards are introduced): learning cards due now,
  // then reviews due today, then new cards up to what is left of today's ration. When nothing else
  // is due, a learning card due within the learn-ahead limit is shown (as Anki does).
  // `states` maps id to state; a missing state is a new card.
  function queue(ids, states, now, opts) {
    const o = options(opts);
    const today = dayNumber(now, o);
    const learningNow = [], learningLater = [], reviews = [], fresh = [];
    for (const id of ids) {
      const s = states[id] || { type: "new" };
      if (s.type === "new") fresh.push(id);
      else if (s.type === "review") { if (s.due <= today) reviews.push(id); }
      else if (s.due <= now) learningNow.push(id);
      else if (dayNumber(s.due, o) === today) learningLater.push(id);
    }
    const introduced = Object.values(states).filter(s => s && s.type !== "new" && s.first === today).length;
    const newLeft = Math.max(0, o.newPerDay - introduced);
    const byDue = (a, b) => states[a].due - states[b].due;
    learningNow.sort(byDue);
    learningLater.sort(byDue);
    reviews.sort(byDue);
    const newToday = fresh.slice(0, newLeft);
    let cards = [...learningNow, ...reviews, ...newToday];
    if (!cards.length) cards = learningLater.filter(id => states[id].due <= now + o.learnAheadMinutes * MINUTE);
    return {
      cards,
      counts: { learning: learningNow.length + learningLater.length, review: reviews.length, new: newToday.length },
      newLeft,
      learningLater: learningLater.map(id => states[id].due),
    };
  }

  // The next moment any card becomes due after `now`: ms for learning cards, the start of the
  // day for reviews. null when nothing is scheduled.
  function nextDue(states, now, opts) {
    const o = options(opts);
    let next = null;
    for (const s of Object.values(states)) {
      if (!s || s.type === "new") continue;
      const at = s.type === "review" ? dayStart(s.due, o) : s.due;
      if (at > now && (next === null || at < next)) next = at;
    }
    return next;
  }

  function dayStart(day, opts) {
    const o = options(opts);
    const d = new Date(day * DAY_MS);
    return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), o.dayStartsAtHour).getTime();
  }

  // A stored state, checked field by field (imports come from files a reader picked).
  function validState(s) {
    const int = v => Number.isInteger(v);
    if (!s || typeof s !== "object" || Array.isArray(s)) return false;
    if (s.type === "new") return true;
    const counts = ["reps", "lapses", "first", "last"].every(k => s[k] === undefined || int(s[k]));
    if (s.type === "review") return counts && int(s.ivl) && s.ivl >= 1 && int(s.ease) && s.ease >= 1300 && int(s.due);
    if (s.type === "learning" || s.type === "relearning") {
      const review = s.type === "learning" || (int(s.ivl) && s.ivl >= 1 && int(s.ease) && s.ease >= 1300);
      return counts && review && int(s.remaining) && s.remaining >= 0 && Number.isFinite(s.due);
    }
    return false;
  }

  const api = { DEFAULTS, options, dayNumber, dayStart, newCard, answer, isDue, describe, queue, nextDue, validState,
                passingIntervals, MINUTE, DAY_MS };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.fieldGuideScheduler = api;
})(typeof self !== "undefined" ? self : this);
