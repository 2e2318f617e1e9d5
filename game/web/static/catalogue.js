/* The catalogue's filters: each card says its band, minutes and themes; a filter hides the others. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".story-card"));
  function update() {
    var band = form.elements.band.value, theme = form.elements.theme.value, length = Number(form.elements.length.value);
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
