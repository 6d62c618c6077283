// The confirmation asks before it is left, until the resident has kept the code: ticked the box,
// downloaded the receipt or opened the status page. Without JavaScript the page says the same.
(function () {
  "use strict";
  var kept = false;
  var box = document.getElementById("code-kept");
  if (box) {
    box.closest("[hidden]").hidden = false;
    box.addEventListener("change", function () { kept = box.checked; });
  }
  document.querySelectorAll("[data-keeps-code]").forEach(function (element) {
    element.addEventListener("click", function () { kept = true; });
  });
  window.addEventListener("beforeunload", function (event) {
    if (!kept) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
