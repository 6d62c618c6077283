// Enter in the roster search box searches (without JavaScript it saves the step and goes on).
(function () {
  "use strict";
  var box = document.getElementById("roster-query");
  var button = document.querySelector('button[value="find-officer"]');
  if (!box || !button) { return; }
  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      button.click();
    }
  });
})();
