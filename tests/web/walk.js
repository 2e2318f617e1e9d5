/* Test driver, run inside a published story page by tests/test_web_browser.py (never shipped).
   It plays the page as a pupil does, through its buttons and keys, and writes down what the page
   shows at every step; the test replays the same actions on the engine's Playthrough and compares.

   walks({seeds: [..], routes: [[choice id, ...], ...], maxSteps}) -> [[step, ...], ...]
   A step: {lines: [[name, text], ...], choices: [[id, text], ...] | "continue", do: action, card: [title, text] | null}
   with action one of {choose: id}, {spot: index in the scene's lines}, {undo: true}, {leave: true};
   the last step of a walk is {debrief: {...}}. */
(walkArgs) => {
  const $ = (sel) => document.querySelector(sel);
  const visible = (el) => el && !el.hidden && el.offsetParent !== null;
  const key = (k) => document.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
  const text = (el) => (el ? el.textContent : null);

  function rng(seed) { // mulberry32
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6D2B79F5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function lines() {
    return Array.from(document.querySelectorAll("#lines > li")).map((li) => {
      const name = li.querySelector(".name");
      return [name ? name.firstChild.textContent : null, text(li.querySelector(".text"))];
    });
  }
  function choices() {
    if (!$("#continue").hidden) return "continue";
    return Array.from(document.querySelectorAll("#choice-list button")).map((b) => [b.dataset.choice, text(b.querySelector(".choice-text"))]);
  }
  function card() {
    const d = $("#card");
    if (!d.open) return null;
    const seen = [text($("#card-title")), text($("#card-text"))];
    $("#card-ok").click();
    return seen;
  }
  function debrief() {
    const list = (sel) => Array.from(document.querySelectorAll(sel)).map((el) => el.textContent);
    return {
      heading: text($("#debrief-heading")),
      left: !$("#d-left").hidden,
      fault_heading: text($("#d-fault-heading")),
      not_fault: text($("#d-not-fault")),
      responsible: text($("#d-responsible")),
      ending: $("#d-ending").hidden ? [] : list("#d-ending-lines > li"),
      summary: text($("#d-summary")),
      signs: Array.from(document.querySelectorAll("#d-signs > li")).map((li) =>
        [li.dataset.sign, text(li.querySelector(".sign-name")), text(li.querySelector(".sign-explanation"))]),
      friend: list("#d-friend > li"),
      help: list("#d-help h3"),
    };
  }
  function onDebrief() { return !$("#v-debrief").hidden; }

  function walk(choose, maxSteps) {
    if (!$("#v-title").hidden) { $("#start").click(); $("#note-on").click(); $("#howto-on").click(); }
    else $("#again").click();
    const steps = [];
    for (let n = 0; n < maxSteps && !onDebrief(); n++) {
      for (let guard = 0; !$("#next").hidden; guard++) {
        if (guard > 500) throw new Error("Space does not show the next line");
        key(" ");
      }
      const step = { lines: lines(), choices: choices(), do: null, card: null };
      steps.push(step);
      step.do = choose(step, n === maxSteps - 1);
      if (step.do.leave) {
        key("Escape");
        $("#menu-leave").click();
        step.leaving = text($("#leaving-note"));
        $("#help-back").click();
      } else if (step.do.undo) {
        key("Backspace");
      } else if (step.do.spot !== undefined) {
        document.querySelectorAll("#lines > li")[step.do.spot].click();
        key("s");
        step.card = card();
      } else if (step.choices === "continue") {
        $("#continue").click();
        step.card = card();
      } else {
        const at = step.choices.findIndex((c) => c[0] === step.do.choose);
        key(String(at + 1));
        step.card = card();
      }
    }
    steps.push({ debrief: onDebrief() ? debrief() : null });
    return steps;
  }

  const out = [];
  for (const route of walkArgs.routes || []) {
    let at = 0;
    out.push(walk((step) => ({ choose: step.choices === "continue" ? route[at++] : route[at++] }), route.length + 1));
  }
  for (const seed of walkArgs.seeds || []) {
    const r = rng(seed);
    let undos = 0;
    out.push(walk((step, last) => {
      const roll = r();
      if (last || roll < 0.01) return { leave: true };
      if (roll < 0.15 && step.lines.length) return { spot: Math.floor(r() * step.lines.length) };
      if (roll < 0.22 && !$("#undo").disabled && undos < 3) { undos++; return { undo: true }; }
      const ids = step.choices === "continue" ? [null] : step.choices.map((c) => c[0]);
      const pick = ids[Math.floor(r() * ids.length)];
      return { choose: pick === null ? "continue" : pick };
    }, walkArgs.maxSteps || 80));
  }
  return out;
}
