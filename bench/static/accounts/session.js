// Warns a signed-in person a minute before they are signed out for inactivity, and lets
// them stay. The server decides (accounts/sessions.py): this only asks it how long is left,
// in the background so asking is not activity, and shows the dialog the page already holds
// (accounts/_session_warning.html), its words translated there.
(function () {
  "use strict";
  var dialog = document.getElementById("session-warning");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var stay = dialog.querySelector("form[data-stay]");
  var warning = Number(dialog.dataset.warningSeconds) || 60;
  var timer = null;

  function ask(method) {
    var options = {
      method: method,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    };
    if (method === "GET") {
      options.headers["X-Village-Background"] = "1";
    } else {
      options.body = new FormData(stay);
    }
    return fetch(stay.action, options).then(function (response) {
      if (!response.ok) {
        throw new Error("signed out");
      }
      return response.json();
    }).then(function (answer) {
      return Number(answer.seconds);
    });
  }

  // Signed out: reloading shows the sign-in page, with this page as where to come back.
  function leave() {
    window.location.reload();
  }

  function wait(left) {
    clearTimeout(timer);
    if (left > warning) {
      if (dialog.open) {
        dialog.close();
      }
      timer = setTimeout(check, (left - warning) * 1000);
      return;
    }
    if (!dialog.open) {
      dialog.showModal();
      stay.querySelector("button").focus();
    }
    timer = setTimeout(check, left * 1000 + 1000);
  }

  // Another tab may have kept the session alive: the server's answer wins.
  function check() {
    ask("GET").then(wait, leave);
  }

  stay.addEventListener("submit", function (event) {
    event.preventDefault();
    ask("POST").then(wait, leave);
  });
  // Escape means the person is there: it keeps them signed in.
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault();
    stay.requestSubmit();
  });
  // A computer waking from sleep: its timers were paused, the server's clock was not.
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      check();
    }
  });
  wait(Number(dialog.dataset.secondsLeft));
})();
