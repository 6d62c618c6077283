// Under a long text field, count the characters left as the resident types or pastes. Without
// JavaScript the hint states the limit; the server refuses longer text and keeps it either way.
(function () {
  "use strict";
  var format = new Intl.NumberFormat(document.documentElement.lang || undefined);
  document.querySelectorAll("[data-room-for]").forEach(function (hint) {
    var field = document.getElementById(hint.dataset.roomFor);
    var limit = parseInt(hint.dataset.limit, 10);
    if (!field || !limit) { return; }
    var update = function () {
      var left = limit - field.value.length;
      hint.textContent = format.format(Math.abs(left)) + " " + (left < 0 ? hint.dataset.over : hint.dataset.left);
      hint.classList.toggle("portal-room--over", left < 0);
    };
    field.addEventListener("input", update);
    update();
  });
})();
