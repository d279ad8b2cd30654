/* Quick exit, after the GOV.UK "Exit this page" pattern.
 * The button, or the Shift key pressed three times within a second, blanks the page
 * at once and replaces this history entry with the platform's exit URL, which drops
 * the session and sends the browser on to a neutral site. */
(function () {
  "use strict";
  var root = document.documentElement;
  var exitUrl = root.getAttribute("data-exit-url") || "/exit/";
  var leaving = false;

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    if (leaving) {
      return;
    }
    leaving = true;
    root.classList.add("is-exiting");
    document.title = "";
    window.location.replace(exitUrl);
  }

  document.addEventListener("click", function (event) {
    var control = event.target.closest && event.target.closest("[data-quick-exit]");
    if (control) {
      leave(event);
    }
  });

  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) {
      presses = event.key === "Shift" ? presses : 0;
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= 3) {
      presses = 0;
      leave();
      return;
    }
    timer = window.setTimeout(function () {
      presses = 0;
    }, 1000);
  });
})();
