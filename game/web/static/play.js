/* Spot the Signs: one story in a web page. This script only walks the state graph the Python
   engine compiled (#story-data, game/web/graph.py): each state says which lines show, which
   choices are offered and where each leads. It never reads a condition. It keeps nothing: no
   cookies, no storage, no network; a reload starts again. */
(function () {
  "use strict";
  var byId = function (id) { return document.getElementById(id); };
  var G = JSON.parse(byId("story-data").textContent);
  var ART = JSON.parse(byId("art-data").textContent);
  var root = document.documentElement;
  var PRESENT = location.hash === "#present";
  var NUMBERS = { "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5 };
  var READING_HINT = "Space: next line. Up and Down pick a line, S flags it as a warning sign. Or tap a line, then Flag this line.";
  var CHOOSING_HINT = "Press a number, or Tab then Enter. S flags the picked line.";
  var VIEWS = ["title", "note", "howto", "play", "debrief"];

  // All there is to a pupil's journey: the states visited, the choice made in each, the lines
  // flagged, and a copy of these before each choice (for Back a step).
  var P = { trail: [0], chosen: [null], spotted: new Set(), snaps: [], revealed: 0, picked: 0,
            order: [], discussed: false, ended: false };
  var view = "title";
  var settings = { theme: "auto", font: "atkinson", scale: "1", spacing: "1.5", motion: "auto", speech: false };
  var card = null; // the open feedback card: { then: function or null }
  var leaving = false; // help opened by leaving the story: the debrief follows it
  var votes = { counts: [], order: [] };

  // --- reading the graph --------------------------------------------------------------------
  function stateAt(i) { return G.states[P.trail[i]]; }
  function here() { return G.states[P.trail[P.trail.length - 1]]; }
  function linesOf(state) { return G.shown[state[1]]; }
  function partOf(state) { return G.parts[state[0]]; }
  function ways() { // [[choice, next state], ...]: a state is [part, shown lines, choice, next, choice, next ...]
    var s = here(), out = [];
    for (var i = 2; i < s.length; i += 2) out.push([s[i], s[i + 1]]);
    return out;
  }
  function reading() { return P.revealed < linesOf(here()).length; }
  function single() {
    var w = ways();
    return w.length === 1 && G.choices[w[0][0]][3] === 1;
  }
  function speakerName(cid) {
    var c = G.characters[cid];
    return c ? c.name : null;
  }
  function lineWords(lineNo) {
    var line = G.lines[lineNo], name = speakerName(line[0]);
    return name ? name + ": " + line[1] : line[1];
  }

  // --- pictures ------------------------------------------------------------------------------
  var urls = new Map();
  function svgUrl(key, svg) {
    var url = urls.get(key);
    if (!url) {
      url = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
      urls.set(key, url);
    }
    return url;
  }
  function background(name) {
    var svg = name ? ART.backgrounds[name] : null;
    return svg ? svgUrl("bg/" + name, svg) : null;
  }
  function figure(cid, mood, framing) {
    var c = ART.characters[cid];
    if (!c) return null;
    var m = Object.prototype.hasOwnProperty.call(c.moods, mood) ? mood : "neutral";
    return svgUrl(cid + "/" + m + "/" + framing, c[framing] + c.before + c.moods[m] + c.after);
  }

  // --- saying things -------------------------------------------------------------------------
  var live = byId("live");
  function announce(text) {
    live.textContent = text;
    speak(text);
  }
  function localVoice() {
    if (!("speechSynthesis" in window)) return null;
    // Only voices on this device: a network voice would send the story's words away.
    var voices = window.speechSynthesis.getVoices().filter(function (v) { return v.localService; });
    return voices.find(function (v) { return /^en-GB/i.test(v.lang); }) ||
      voices.find(function (v) { return /^en/i.test(v.lang); }) || voices[0] || null;
  }
  function speak(text) {
    if (!settings.speech) return;
    var voice = localVoice();
    if (!voice) return;
    var said = new SpeechSynthesisUtterance(text);
    said.voice = voice;
    said.lang = voice.lang;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(said);
  }

  // --- screens -------------------------------------------------------------------------------
  function show(name, focus) {
    VIEWS.forEach(function (v) { byId("v-" + v).hidden = v !== name; });
    view = name;
    byId("bar-story").hidden = name === "title";
    byId("open-menu").hidden = name !== "play";
    document.body.className = "on-" + name;
    window.scrollTo(0, 0);
    var target = focus || byId("v-" + name).querySelector("h1");
    if (target) target.focus();
  }

  function startStory() {
    P = { trail: [0], chosen: [null], spotted: new Set(), snaps: [], revealed: 0, picked: 0, order: [],
          discussed: false, ended: false };
    P.revealed = Math.min(1, linesOf(here()).length);
    P.picked = P.revealed - 1;
    show("play", byId("play-heading"));
    enterScene();
    if (P.revealed) announce(lineWords(linesOf(here())[0]));
  }

  // --- playing -------------------------------------------------------------------------------
  var lineList = byId("lines");

  function enterScene() {
    var state = here(), part = partOf(state), chat = part.kind === "chat";
    var play = byId("v-play");
    play.classList.toggle("mode-chat", chat);
    play.classList.toggle("mode-place", !chat);
    var img = byId("backdrop"), url = chat ? null : background(part.background);
    if (url) img.src = url; else img.removeAttribute("src");
    img.hidden = !url;
    var head = byId("app-name");
    head.hidden = !chat;
    head.textContent = chat ? (part.app || "Messages") : "";
    P.order = ways().map(function (_, i) { return i; });
    P.discussed = false;
    lineList.textContent = "";
    var lines = linesOf(state);
    for (var i = 0; i < P.revealed; i++) lineList.appendChild(lineItem(lines[i], part));
    markPicked();
    drawCast();
    drawControls(false);
  }

  function lineItem(lineNo, part) {
    var line = G.lines[lineNo], cid = line[0], li = document.createElement("li");
    li.className = "line";
    li.dataset.line = String(lineNo);
    var chat = part.kind === "chat", mine = chat && cid && cid === part.phone;
    if (!cid) li.classList.add("narration");
    if (mine) li.classList.add("mine");
    if (cid && !mine) {
      var face = figure(cid, "neutral", "face");
      if (face) {
        var avatar = document.createElement("img");
        avatar.className = "avatar";
        avatar.alt = "";
        avatar.src = face;
        li.appendChild(avatar);
      }
    }
    var body = document.createElement("div");
    if (cid) {
      var name = document.createElement("span");
      name.className = "name";
      var c = G.characters[cid];
      name.textContent = c ? c.name + (c.you ? " (you)" : "") : cid;
      var colon = document.createElement("span");
      colon.className = "vh";
      colon.textContent = ": ";
      name.appendChild(colon);
      body.appendChild(name);
    }
    var text = document.createElement("p");
    text.className = "text";
    text.textContent = line[1];
    body.appendChild(text);
    li.appendChild(body);
    if (P.spotted.has(lineNo)) markFlagged(li);
    return li;
  }

  function markFlagged(li) {
    if (li.classList.contains("flagged")) return;
    li.classList.add("flagged");
    var mark = document.createElement("span");
    mark.className = "flag-mark";
    mark.textContent = "(flagged)";
    var name = li.querySelector(".name");
    if (name) name.appendChild(mark); else li.querySelector(".text").before(mark);
  }

  function markPicked() {
    var items = lineList.children;
    for (var i = 0; i < items.length; i++) {
      var on = i === P.picked;
      items[i].classList.toggle("picked", on);
      if (on) items[i].setAttribute("aria-current", "true"); else items[i].removeAttribute("aria-current");
    }
  }

  function drawCast() {
    var cast = byId("cast"), part = partOf(here());
    var present = part.kind === "chat" ? [] : (part.present || []);
    var lines = linesOf(here()).slice(0, P.revealed), speaker = null;
    for (var i = lines.length - 1; i >= 0; i--) {
      if (present.indexOf(G.lines[lines[i]][0]) >= 0) { speaker = G.lines[lines[i]]; break; }
    }
    while (cast.children.length > present.length) cast.removeChild(cast.lastChild);
    present.forEach(function (cid, i) {
      var img = cast.children[i];
      if (!img) { img = document.createElement("img"); img.alt = ""; cast.appendChild(img); }
      var mood = speaker && speaker[0] === cid ? (speaker[2] || "neutral") : "neutral";
      var url = figure(cid, mood, "bust");
      if (url && img.getAttribute("src") !== url) img.src = url;
    });
    cast.hidden = !present.length;
  }

  function drawControls(focusChoices) {
    var now = reading(), one = single();
    byId("next").hidden = !now;
    byId("continue").hidden = now || !one;
    var box = byId("choices");
    box.hidden = now || one;
    var list = byId("choice-list");
    list.textContent = "";
    if (!now && !one) {
      var w = ways();
      P.order.forEach(function (at, n) {
        var choice = G.choices[w[at][0]];
        var item = document.createElement("li"), button = document.createElement("button");
        button.type = "button";
        button.className = "choice";
        button.dataset.choice = choice[0];
        button.setAttribute("aria-keyshortcuts", String(n + 1));
        var num = document.createElement("span");
        num.className = "num";
        num.textContent = (n + 1) + ".";
        var words = document.createElement("span");
        words.className = "choice-text";
        words.textContent = choice[1];
        button.appendChild(num);
        button.appendChild(document.createTextNode(" "));
        button.appendChild(words);
        button.addEventListener("click", guard(function () { choose(n); }));
        item.appendChild(button);
        list.appendChild(item);
      });
    }
    byId("flag").disabled = P.revealed === 0;
    byId("undo").disabled = P.snaps.length === 0;
    byId("hint").textContent = now ? READING_HINT : CHOOSING_HINT;
    if (focusChoices) {
      if (one) byId("continue").focus();
      else if (!now) box.focus();
    }
  }

  function revealNext() {
    if (view !== "play" || card || !reading()) return;
    var lines = linesOf(here()), part = partOf(here());
    var old = lineList.querySelector(".new");
    if (old) old.classList.remove("new");
    var li = lineItem(lines[P.revealed], part);
    li.classList.add("new");
    lineList.appendChild(li);
    P.revealed += 1;
    P.picked = P.revealed - 1;
    markPicked();
    drawCast();
    var wasFocused = document.activeElement === byId("next");
    drawControls(wasFocused && !reading());
    li.scrollIntoView({ block: "nearest" });
    byId("controls").scrollIntoView({ block: "nearest" });
    announce(lineWords(lines[P.revealed - 1]));
  }

  function pick(step) {
    if (view !== "play" || card || !P.revealed) return;
    P.picked = Math.max(0, Math.min(P.revealed - 1, P.picked + step));
    markPicked();
    var li = lineList.children[P.picked];
    li.scrollIntoView({ block: "nearest" });
    announce("Picked: " + lineWords(Number(li.dataset.line)));
  }

  function flag() {
    if (view !== "play" || card || !P.revealed) return;
    var lineNo = linesOf(here())[P.picked], again = P.spotted.has(lineNo);
    P.spotted.add(lineNo);
    markFlagged(lineList.children[P.picked]);
    var spot = G.spots[lineNo], sign = G.lines[lineNo][3];
    openCard(sign ? "spot-sign" : "spot", G.texts[spot[again ? 2 : 0]], G.texts[spot[1]], null);
  }

  function choose(n) {
    if (view !== "play" || card || reading() || n >= P.order.length) return;
    var part = partOf(here());
    if (PRESENT) {
      if (!single()) { openVote(); return; }
      if (part.discuss && !P.discussed) { P.discussed = true; openDiscuss(part.discuss); return; }
    }
    take(n);
  }

  function take(n) {
    var way = ways()[P.order[n]], choice = G.choices[way[0]];
    P.snaps.push({ trail: P.trail.slice(), chosen: P.chosen.slice(), spotted: new Set(P.spotted) });
    P.chosen[P.chosen.length - 1] = way[0];
    P.trail.push(way[1]);
    P.chosen.push(null);
    if (choice[2]) openCard("feedback", choice[1], choice[2], afterChoice);
    else afterChoice();
  }

  function afterChoice() {
    if (partOf(here()).kind === "ending") { showDebrief(false); return; }
    P.revealed = Math.min(1, linesOf(here()).length);
    P.picked = Math.max(0, P.revealed - 1);
    enterScene();
    window.scrollTo(0, 0);
    if (P.revealed) announce(lineWords(linesOf(here())[0]));
    var next = reading() ? byId("next") : null;
    if (next) next.focus(); else drawControls(true);
  }

  function undo() {
    if (view !== "play") return;
    if (!P.snaps.length) { announce("This is the start of the story: there is no step to go back to."); return; }
    if (card) closeCard(false);
    var snap = P.snaps.pop(), kept = new Set();
    snap.trail.forEach(function (k) { G.shown[G.states[k][1]].forEach(function (l) { kept.add(l); }); });
    // As the engine's undo does: flags on lines still shown are kept.
    P.spotted = new Set(Array.from(P.spotted).filter(function (l) { return kept.has(l); }));
    P.trail = snap.trail;
    P.chosen = snap.chosen;
    P.revealed = linesOf(here()).length;
    P.picked = Math.max(0, P.revealed - 1);
    enterScene();
    announce("Back a step.");
    drawControls(true);
  }

  // --- the debrief: put together from the engine's parts ---------------------------------------
  function showDebrief(leftEarly) {
    P.ended = true;
    var D = G.debrief, last = here(), ending = leftEarly ? null : D.endings[String(last[0])];
    byId("debrief-heading").textContent = ending ? ending.title : G.story.title;
    byId("d-left").hidden = !leftEarly;
    var endLines = byId("d-ending-lines");
    endLines.textContent = "";
    if (ending) {
      linesOf(last).forEach(function (lineNo) {
        var li = document.createElement("li"), name = speakerName(G.lines[lineNo][0]);
        li.textContent = lineWords(lineNo);
        if (!name) li.className = "muted";
        endLines.appendChild(li);
      });
    }
    byId("d-ending").hidden = !ending || !endLines.children.length;
    var met = new Map();
    P.trail.forEach(function (k) {
      G.shown[G.states[k][1]].forEach(function (lineNo) {
        var sign = G.lines[lineNo][3];
        if (!sign) return;
        if (!met.has(sign)) met.set(sign, []);
        met.get(sign).push(lineNo);
      });
    });
    var list = byId("d-signs"), found = 0;
    list.textContent = "";
    met.forEach(function (lines, sign) {
      var spotted = lines.some(function (l) { return P.spotted.has(l); });
      var own = lines.find(function (l) { return D.explanations[String(l)]; });
      var explanation = own !== undefined ? D.explanations[String(own)] : D.signs[sign].explanation;
      if (spotted) found += 1;
      var li = document.createElement("li"), name = document.createElement("span"), why = document.createElement("span");
      li.dataset.sign = sign;
      name.className = "sign-name";
      name.textContent = D.signs[sign].name + " (" + (spotted ? "you spotted this" : "easy to miss") + ")";
      why.className = "sign-explanation";
      why.textContent = explanation;
      li.appendChild(name);
      li.appendChild(why);
      list.appendChild(li);
    });
    byId("d-summary").textContent = D.summaries[D.summary[met.size][found]]
      .replace(/\{met\}/g, String(met.size)).replace(/\{spotted\}/g, String(found));
    show("debrief");
    announce(byId("debrief-heading").textContent + ". " + D.not_fault);
  }

  function leaveStory() {
    closeAll();
    leaving = true;
    byId("leaving-note").hidden = false;
    setLabel(byId("help-back"), "Continue");
    openDialog(byId("help"));
  }

  // --- cards and panels ----------------------------------------------------------------------
  var opened = []; // open dialogs, newest last, each with the element focused before it
  function openDialog(d, focus) {
    if (d.open) return;
    opened.push({ dialog: d, from: document.activeElement });
    d.showModal();
    var target = focus || d.querySelector("button.primary") || d.querySelector("button");
    if (target) target.focus();
  }
  function closeDialog(d) { // at once, not on the "close" event a moment later: what follows needs it done
    if (!d.open) return;
    d.close();
    onClosed(d);
  }
  function topDialog() { return opened.length ? opened[opened.length - 1].dialog : null; }
  function closeAll() {
    while (opened.length) {
      var d = topDialog();
      if (d.open) closeDialog(d); else opened.pop();
    }
  }
  function onClosed(d) {
    var at = opened.findIndex(function (o) { return o.dialog === d; });
    if (at < 0) return;
    var from = opened[at].from;
    opened.splice(at, 1);
    if (d.id === "help" && leaving) { finishLeaving(); return; }
    if (d.id === "card" && card) { var then = card.then; card = null; if (then) { then(); return; } drawControls(false); }
    var inside = from && from.closest ? from.closest("dialog") : null;
    if (from && document.contains(from) && !from.hidden && (!inside || inside.open) && typeof from.focus === "function") {
      from.focus();
    }
  }
  function finishLeaving() {
    leaving = false;
    byId("leaving-note").hidden = true;
    setLabel(byId("help-back"), "Back");
    showDebrief(true);
  }
  function setLabel(button, words) { button.firstChild.textContent = words; }

  function openCard(kind, title, text, then) {
    card = { then: then };
    var d = byId("card");
    d.className = "card-dialog " + kind;
    byId("card-title").textContent = title;
    byId("card-text").textContent = text;
    openDialog(d, byId("card-ok"));
    announce(title + ". " + text);
  }
  function closeCard(run) {
    if (!card) return;
    if (!run) card.then = null;
    closeDialog(byId("card"));
  }

  function openHelp() {
    if (byId("rest").open) closeDialog(byId("rest"));
    openDialog(byId("help"));
  }
  function openRest() {
    if (byId("help").open && !leaving) closeDialog(byId("help"));
    openDialog(byId("rest"), byId("rest-ready"));
  }

  function openHistory() {
    if (view !== "play") return;
    var out = byId("history-text");
    out.textContent = "";
    P.trail.forEach(function (k, i) {
      var state = G.states[k], part = partOf(state);
      var lines = i === P.trail.length - 1 ? linesOf(state).slice(0, P.revealed) : linesOf(state);
      lines.forEach(function (lineNo) {
        var p = document.createElement("p");
        p.textContent = lineWords(lineNo);
        if (!G.lines[lineNo][0]) p.className = "muted";
        out.appendChild(p);
      });
      var made = P.chosen[i];
      if (made !== null && made !== undefined && G.choices[made][3] !== 1) {
        var said = document.createElement("p");
        said.className = "history-choice";
        said.textContent = "You chose: " + G.choices[made][1];
        out.appendChild(said);
        if (G.choices[made][2]) {
          var fb = document.createElement("p");
          fb.className = "history-feedback";
          fb.textContent = G.choices[made][2];
          out.appendChild(fb);
        }
      }
      if (part.kind === "ending") out.appendChild(document.createElement("hr"));
    });
    if (!out.children.length) out.textContent = "Nothing yet.";
    openDialog(byId("history"));
    var d = byId("history");
    d.scrollTop = d.scrollHeight; // open at the newest part, where the pupil is
  }

  function openVote() {
    var rows = byId("vote-rows"), w = ways();
    rows.textContent = "";
    votes = { counts: P.order.map(function () { return 0; }), order: [] };
    var part = partOf(here());
    byId("vote-prompt").textContent = part.discuss || "What should " + (G.story.player || "the friend") + " do? Why?";
    P.order.forEach(function (at, n) {
      var choice = G.choices[w[at][0]];
      var li = document.createElement("li"), follow = document.createElement("button"), plus = document.createElement("button");
      follow.type = plus.type = "button";
      follow.className = "follow";
      follow.dataset.choice = choice[0];
      var words = document.createElement("span");
      words.textContent = (n + 1) + ".  " + choice[1];
      var count = document.createElement("span");
      count.className = "count";
      var track = document.createElement("span"), fill = document.createElement("span");
      track.className = "bar-track";
      track.setAttribute("aria-hidden", "true");
      fill.className = "bar-fill";
      track.appendChild(fill);
      follow.appendChild(words);
      follow.appendChild(count);
      follow.appendChild(track);
      follow.addEventListener("click", guard(function () { closeDialog(byId("vote")); take(n); }));
      plus.textContent = "+1";
      plus.setAttribute("aria-label", "+1 vote for choice " + (n + 1));
      plus.addEventListener("click", guard(function () { vote(n, 1); }));
      li.appendChild(follow);
      li.appendChild(plus);
      rows.appendChild(li);
    });
    drawVotes();
    openDialog(byId("vote"), rows.querySelector("button.follow"));
  }
  function vote(n, change) {
    if (change > 0) { votes.counts[n] = Math.min(99, votes.counts[n] + 1); votes.order.push(n); }
    else votes.counts[n] = Math.max(0, votes.counts[n] - 1);
    drawVotes();
    var rows = byId("vote-rows").children;
    if (change > 0) rows[n].querySelector(".follow").focus();
    announce("Choice " + (n + 1) + ": " + votes.counts[n] + (votes.counts[n] === 1 ? " vote" : " votes"));
  }
  function drawVotes() {
    var most = Math.max.apply(null, [1].concat(votes.counts)), rows = byId("vote-rows").children;
    votes.counts.forEach(function (c, n) {
      rows[n].querySelector(".count").textContent = c + (c === 1 ? " vote" : " votes");
      rows[n].querySelector(".bar-fill").style.width = (100 * c / most) + "%";
    });
  }
  function openDiscuss(question) {
    byId("discuss-text").textContent = question;
    openDialog(byId("discuss"));
  }

  // --- settings: kept only while the page is open ----------------------------------------------
  function applySettings() {
    root.dataset.theme = settings.theme;
    root.dataset.font = settings.font;
    root.dataset.motion = settings.motion;
    root.style.setProperty("--scale", settings.scale);
    root.style.setProperty("--spacing", settings.spacing);
    var note = byId("speech-note");
    if (!settings.speech) note.textContent = "";
    else if (!localVoice()) note.textContent = "This browser has no voice on this device, so nothing can be read aloud.";
    else note.textContent = "Lines and feedback are read aloud as they appear.";
  }
  byId("settings-form").addEventListener("change", guard(function (e) {
    var t = e.target;
    if (t.name === "speech") {
      settings.speech = t.checked;
      if (!t.checked && "speechSynthesis" in window) window.speechSynthesis.cancel();
    } else settings[t.name] = t.value;
    applySettings();
  }));

  // --- keys: the same as the window's ----------------------------------------------------------
  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var key = e.key, lower = key.length === 1 ? key.toLowerCase() : key;
    var target = e.target, tag = target && target.tagName;
    var onControl = tag === "BUTTON" || tag === "INPUT" || tag === "SELECT" || tag === "A" || tag === "TEXTAREA";
    var top = topDialog();
    if (top) return dialogKey(e, top, lower, onControl);
    if (lower === "h") { e.preventDefault(); openHelp(); return; }
    if (lower === "b") { e.preventDefault(); openRest(); return; }
    if (key === "Enter" && !onControl && view !== "play") {
      var first = byId("v-" + view).querySelector("button.primary");
      if (first) { e.preventDefault(); first.click(); }
      return;
    }
    if (key === "Escape" && view === "note") { show("title", byId("start")); return; }
    if (key === "Escape" && view === "howto") { startStory(); return; }
    if (view !== "play") return;
    if ((key === " " || key === "Enter") && !onControl) { e.preventDefault(); revealNext(); return; }
    if (key === "Escape") { e.preventDefault(); openDialog(byId("menu")); return; }
    if (lower === "l") { e.preventDefault(); openHistory(); return; }
    if (key === "Backspace" || lower === "z") { e.preventDefault(); undo(); return; }
    if (lower === "s") { e.preventDefault(); flag(); return; }
    if (key === "ArrowUp" || key === "ArrowDown") { e.preventDefault(); pick(key === "ArrowDown" ? 1 : -1); return; }
    if (Object.prototype.hasOwnProperty.call(NUMBERS, key)) { e.preventDefault(); choose(NUMBERS[key]); }
  }

  function dialogKey(e, d, lower, onControl) {
    var key = e.key, id = d.id;
    if (id === "rest") {
      if (["Shift", "Control", "Alt", "Meta", "CapsLock", "Tab"].indexOf(key) >= 0) return;
      if (key === "Enter" && onControl) return; // the focused button answers
      e.preventDefault();
      closeDialog(d);
      if (lower === "h") openHelp();
      return;
    }
    if (key === "Escape") {
      e.preventDefault();
      if (id === "card") { openDialog(byId("menu")); return; }
      if (id === "menu") { closeDialog(d); return; }
      closeDialog(d);
      return;
    }
    if (lower === "b") { e.preventDefault(); openRest(); return; }
    if (lower === "h") { e.preventDefault(); if (id === "help") closeDialog(d); else openHelp(); return; }
    if (id === "settings" && onControl) return;
    if (id === "card") {
      if (key === "Backspace" || lower === "z") { e.preventDefault(); undo(); return; }
      if (lower === "l") { e.preventDefault(); openHistory(); }
      return;
    }
    if (id === "history" && lower === "l") { e.preventDefault(); closeDialog(d); return; }
    if (id === "menu") {
      if (lower === "l") { e.preventDefault(); closeDialog(d); openHistory(); return; }
      if (key === "Backspace" || lower === "z") { e.preventDefault(); closeDialog(d); undo(); }
      return;
    }
    if (id === "vote") {
      if (Object.prototype.hasOwnProperty.call(NUMBERS, key) && NUMBERS[key] < votes.counts.length) {
        e.preventDefault();
        vote(NUMBERS[key], 1);
        return;
      }
      if (key === "Backspace" || key === "-") { e.preventDefault(); if (votes.order.length) vote(votes.order.pop(), -1); return; }
      if (key === "ArrowUp" || key === "ArrowDown") {
        e.preventDefault();
        var buttons = Array.prototype.slice.call(d.querySelectorAll("button.follow"));
        var at = buttons.indexOf(document.activeElement);
        buttons[(at + (key === "ArrowDown" ? 1 : buttons.length - 1)) % buttons.length].focus();
      }
    }
  }

  // --- wiring --------------------------------------------------------------------------------
  function guard(fn) {
    return function (e) {
      try { return fn.call(this, e); } catch (err) { trouble(err); }
    };
  }
  function trouble(err) {
    if (window.console) window.console.error(err);
    card = null;
    closeAll();
    openCard("notice", "Something went wrong",
      "Something went wrong on this page. Your place is kept: press Continue. If it keeps happening, " +
      "reload the page to start the story again.", null);
  }
  function on(id, fn) { byId(id).addEventListener("click", guard(fn)); }

  document.addEventListener("keydown", guard(onKey));
  document.querySelectorAll("dialog").forEach(function (d) {
    d.addEventListener("close", guard(function () { onClosed(d); }));
    d.addEventListener("cancel", function (e) { e.preventDefault(); }); // Esc is handled with the other keys
  });
  lineList.addEventListener("click", guard(function (e) {
    var li = e.target.closest("li.line");
    if (!li || card) return;
    P.picked = Array.prototype.indexOf.call(lineList.children, li);
    markPicked();
  }));
  on("start", function () { show("note", byId("note-heading")); });
  on("note-on", function () { show("howto", byId("howto-heading")); });
  on("note-back", function () { show("title", byId("start")); });
  on("howto-on", startStory);
  on("open-help", openHelp);
  on("open-break", openRest);
  on("open-menu", function () { openDialog(byId("menu")); });
  on("open-settings", function () { openDialog(byId("settings")); });
  on("next", revealNext);
  on("continue", function () { choose(0); });
  on("flag", flag);
  on("so-far", openHistory);
  on("undo", undo);
  on("card-ok", function () { closeDialog(byId("card")); });
  on("help-back", function () { closeDialog(byId("help")); });
  on("help-break", openRest);
  on("rest-ready", function () { closeDialog(byId("rest")); });
  on("rest-help", openHelp);
  on("history-back", function () { closeDialog(byId("history")); });
  on("menu-resume", function () { closeDialog(byId("menu")); });
  on("menu-history", function () { closeDialog(byId("menu")); openHistory(); });
  on("menu-undo", function () { closeDialog(byId("menu")); undo(); });
  on("menu-settings", function () { openDialog(byId("settings")); });
  on("menu-leave", leaveStory);
  on("settings-done", function () { closeDialog(byId("settings")); });
  on("vote-back", function () { closeDialog(byId("vote")); });
  on("discuss-on", function () { closeDialog(byId("discuss")); });
  on("again", startStory);
  on("to-title", function () { show("title", byId("start")); });
  if ("speechSynthesis" in window) window.speechSynthesis.onvoiceschanged = function () { applySettings(); };

  if (PRESENT) {
    root.classList.add("presenter");
    byId("presenter-badge").hidden = false;
    byId("presenter-note").hidden = false;
  }
  var art = background(ART.title);
  if (art) byId("title-art").src = art;
  byId("no-script").hidden = true;
  applySettings();
  var start = byId("start");
  start.disabled = false;
  start.focus({ preventScroll: true }); // the title stays in view on a small screen
  if (window.performance && performance.mark) performance.mark("title-ready");
})();
