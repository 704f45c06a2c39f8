// Once a passkey is added, show it in the list: django-otp-webauthn's script announces
// the new passkey with an event and leaves the page as it was.
document.addEventListener("otp_webauthn.register_complete", function () {
  // The script replaces its placeholder, so the address waits on the element around it.
  window.location.assign(document.getElementById("passkey-add").dataset.done);
});
