// Village as an app on the phone (decision 0039-installable-and-offline): starts the
// service worker (/sw.js), shows when a page read offline was saved, empties this
// browser's kept pages on signing out, and offers to add Village to the home screen.
// Every word is in the page (pwa/_head.html, pwa/_install_hint.html), translated there.
(function () {
  "use strict";
  var script = document.currentScript;
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(script.dataset.worker, { scope: "/" }).catch(function () {});
  }

  // Signing out: the server also sends Clear-Site-Data; this is for browsers without it.
  function wipe() {
    if (window.caches) {
      caches.keys().then(function (names) { names.forEach(function (n) { caches.delete(n); }); });
    }
  }
  document.addEventListener("submit", function (event) {
    var action = event.target.getAttribute("action");
    if (action && new URL(action, location.href).pathname === script.dataset.signOut) {
      wipe();
    }
  }, true);

  // A page the worker served from this phone's memory: say when the server made it.
  var note = document.getElementById("offline-note");
  function showNote() {
    var main = document.getElementById("main");
    if (!note || !main || main.querySelector("[data-offline-note]")) {
      return;
    }
    main.insertBefore(note.content.cloneNode(true), main.firstChild);
  }
  if (document.documentElement.hasAttribute("data-from-cache") || navigator.onLine === false) {
    showNote();
  }
  window.addEventListener("offline", showNote);

  // "Add to home screen", on a parent's home page until they add it or say no.
  var hint = document.querySelector("[data-install-hint]");
  var standalone = window.matchMedia("(display-mode: standalone)").matches || navigator.standalone;
  if (!hint || standalone) {
    return;
  }
  var add = hint.querySelector("[data-install]");
  var how = hint.querySelector("[data-install-how]");
  var asked = null;
  function done() {
    document.cookie = "village_install_hint=no; max-age=31536000; path=/; SameSite=Lax" +
      (location.protocol === "https:" ? "; Secure" : "");
    hint.hidden = true;
    document.getElementById("main").focus();
  }
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();  // offered in the page, once, rather than by the browser
    asked = event;
    add.hidden = false;
    how.hidden = true;
  });
  add.addEventListener("click", function () {
    asked.prompt();
    asked.userChoice.then(function (choice) {
      if (choice.outcome === "accepted") {
        done();
      }
    });
  });
  hint.querySelector("[data-install-dismiss]").addEventListener("click", done);
  window.addEventListener("appinstalled", done);
  hint.hidden = false;
})();
