/* Village: record a voice in the browser, or choose a file, for any form with a
   [data-recorder] block. The recording is put into the form's own file field, so the form
   is sent as usual and works the same without this script (the file field alone).
   Also names what is playing for the lock screen, where the phone shows one. */
(function () {
  "use strict";
  // Each block that needs it includes this script: the first copy does the work.
  if (window.villageVoice) return;
  window.villageVoice = true;
  var LONGEST = 5 * 60; // seconds, as the server allows

  function clock(seconds) {
    var m = Math.floor(seconds / 60), s = Math.floor(seconds % 60);
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function kind() {
    var types = ["audio/webm;codecs=opus", "audio/mp4", "audio/ogg;codecs=opus", "audio/webm"];
    for (var i = 0; i < types.length; i++) {
      if (window.MediaRecorder && MediaRecorder.isTypeSupported(types[i])) return types[i];
    }
    return "";
  }

  function setUp(box) {
    var input = box.querySelector("input[type=file]");
    var start = box.querySelector("[data-record]");
    var stop = box.querySelector("[data-stop]");
    var time = box.querySelector("[data-time]");
    var preview = box.querySelector("[data-preview]");
    var status = box.querySelector("[data-status]");
    if (!input || !start || !navigator.mediaDevices || !window.MediaRecorder || !kind()) return;
    box.querySelector("[data-live]").hidden = false;
    var recorder = null, chunks = [], started = 0, timer = null;

    function finish() {
      clearInterval(timer);
      stop.hidden = true;
      start.hidden = false;
      start.focus();
    }

    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        chunks = [];
        recorder = new MediaRecorder(stream, { mimeType: kind() });
        recorder.ondataavailable = function (e) { if (e.data.size) chunks.push(e.data); };
        recorder.onstop = function () {
          stream.getTracks().forEach(function (t) { t.stop(); });
          var type = recorder.mimeType.split(";")[0];
          var ending = type === "audio/mp4" ? "m4a" : type === "audio/ogg" ? "ogg" : "webm";
          var file = new File(chunks, "recording." + ending, { type: type });
          var files = new DataTransfer();
          files.items.add(file);
          input.files = files.files;
          preview.src = URL.createObjectURL(file);
          preview.hidden = false;
          status.textContent = status.dataset.done;
          finish();
        };
        recorder.start(1000);
        started = Date.now();
        start.hidden = true;
        stop.hidden = false;
        stop.focus();
        status.textContent = status.dataset.recording;
        time.textContent = clock(0);
        timer = setInterval(function () {
          var seconds = (Date.now() - started) / 1000;
          time.textContent = clock(seconds);
          if (seconds >= LONGEST) recorder.stop();
        }, 500);
      }, function () {
        status.textContent = status.dataset.denied;
      });
    });
    stop.addEventListener("click", function () {
      if (recorder && recorder.state !== "inactive") recorder.stop();
    });
  }

  function nameForLockScreen(player) {
    if (!("mediaSession" in navigator) || !window.MediaMetadata) return;
    player.addEventListener("play", function () {
      navigator.mediaSession.metadata = new MediaMetadata({ title: player.dataset.title || "" });
    });
  }

  function run(root) {
    root.querySelectorAll("[data-recorder]").forEach(setUp);
    root.querySelectorAll("audio[data-title]").forEach(nameForLockScreen);
  }
  run(document);
  document.addEventListener("htmx:load", function (e) { run(e.target); });
})();
