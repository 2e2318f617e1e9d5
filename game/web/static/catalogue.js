/* The catalogue's filters: each card says its band, minutes and themes; a filter hides the others. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".story-card"));
  function update() {
    var field = function (name) { return form.elements.namedItem(name).value; }; // not .length: that is the count
    var band = field("band"), theme = field("theme"), length = Number(field("length"));
    var shown = 0;
    cards.forEach(function (card) {
      var keep = (!band || card.dataset.band === band) &&
        (!theme || card.dataset.themes.split(" ").indexOf(theme) >= 0) &&
        (!length || Number(card.dataset.minutes) <= length);
      card.hidden = !keep;
      if (keep) shown += 1;
    });
    document.getElementById("count").textContent = shown === cards.length
      ? cards.length + (cards.length === 1 ? " story" : " stories")
      : shown + " of " + cards.length + " stories";
    document.getElementById("none").hidden = shown > 0;
  }
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
})();
