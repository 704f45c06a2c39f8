// Turns notifications on for this browser (notices/devices.html): asks the service worker's
// push manager for a subscription to this program's key and sends it to the server, which
// keeps one row for it however often it is sent. The words are the page's, translated there.
(function () {
  "use strict";
  var form = document.querySelector("form[data-push]");
  if (!form || !("serviceWorker" in navigator) || !("PushManager" in window) || !window.Notification) {
    return; // the page's own words say this browser cannot
  }
  var status = form.querySelector("[data-push-status]");
  var button = form.querySelector("button");
  document.querySelector("[data-push-none]").hidden = true;
  form.querySelector("[data-push-live]").hidden = false;

  function say(name) {
    status.textContent = status.dataset[name];
  }

  // The program's public key, base64url as the server gives it, as the bytes the browser wants.
  function keyBytes(text) {
    var raw = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  // A subscription left from an older key is refused: drop it and ask again, once.
  function subscribe(registration) {
    var options = { userVisibleOnly: true, applicationServerKey: keyBytes(form.dataset.key) };
    return registration.pushManager.subscribe(options).catch(function (error) {
      if (error.name !== "InvalidStateError") throw error;
      return registration.pushManager.getSubscription().then(function (old) {
        return old && old.unsubscribe();
      }).then(function () {
        return registration.pushManager.subscribe(options);
      });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    say("working");
    // No service worker within 10 seconds: say so rather than wait for ever.
    var late = new Promise(function (resolve, reject) { setTimeout(reject, 10000); });
    Promise.race([navigator.serviceWorker.ready, late]).then(subscribe).then(function (subscription) {
      return fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": form.elements.csrfmiddlewaretoken.value,
        },
        body: JSON.stringify(subscription),
      });
    }).then(function (response) {
      if (!response.ok) throw new Error("refused");
      window.location.assign(form.dataset.done);
    }).catch(function () {
      button.disabled = false;
      say(Notification.permission === "denied" ? "denied" : "failed");
    });
  });
})();
