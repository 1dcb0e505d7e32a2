/* global API_BASE, callApi */
// The 3-D Secure challenge as Stripe.js shows it: a modal over the merchant's page holding the
// issuer's page in an iframe (here the emulator's test page), which reports back by postMessage.

var CHALLENGE_MESSAGE_TYPE = "ledgerline-stripejs-3ds-result";

function challengeUrl(publishableKey, intentId, clientSecret) {
  var params = new URLSearchParams({
    intent: intentId,
    client_secret: clientSecret,
    key: publishableKey,
    origin: window.location.origin,
  });
  return API_BASE + "/stripejs/3ds?" + params.toString();
}

// Resolves to {} once the customer completed or failed the challenge (the intent then says
// which), or to { error } when the challenge page could not reach the emulator.
function runThreeDSecureChallenge(publishableKey, intentId, clientSecret) {
  return new Promise(function (resolve) {
    var overlay = document.createElement("div");
    overlay.setAttribute("data-stripe-3ds-overlay", "");
    overlay.setAttribute("style", "all: initial; position: fixed; inset: 0; z-index: 2147483647; display: flex; align-items: center; justify-content: center; background: rgba(50, 50, 93, 0.45);");
    var dialog = document.createElement("div");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", "3D Secure authentication");
    dialog.setAttribute("style", "all: initial; display: block; width: min(500px, 94vw); height: min(440px, 90vh); background: #fff; border-radius: 8px; overflow: hidden; box-shadow: 0 15px 35px rgba(50,50,93,0.25), 0 5px 15px rgba(0,0,0,0.1);");
    var frame = document.createElement("iframe");
    frame.name = "stripe-challenge-frame";
    frame.title = "3D Secure challenge";
    frame.src = challengeUrl(publishableKey, intentId, clientSecret);
    frame.setAttribute("style", "all: initial; display: block; width: 100%; height: 100%; border: 0;");
    dialog.setAttribute("style", dialog.getAttribute("style") + " position: relative;");
    // Like Stripe's modal, closing it abandons the challenge: the bank counts it as failed.
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Close");
    close.setAttribute("style", "all: initial; position: absolute; top: 10px; right: 12px; font: 24px/1 sans-serif; color: #6d6e78; cursor: pointer; padding: 4px;");
    dialog.appendChild(frame);
    dialog.appendChild(close);
    overlay.appendChild(dialog);

    var settled = false;
    function finish(outcome) {
      if (settled) return;
      settled = true;
      window.removeEventListener("message", onMessage);
      if (overlay.parentNode) overlay.parentNode.removeChild(overlay);
      resolve(outcome);
    }
    function onMessage(event) {
      if (event.origin !== API_BASE || event.source !== frame.contentWindow) return;
      var data = event.data || {};
      if (data.type !== CHALLENGE_MESSAGE_TYPE || data.intent !== intentId) return;
      finish(data.error ? { error: data.error } : {});
    }
    close.addEventListener("click", function () {
      close.disabled = true;
      callApi(publishableKey, "POST", "/_emulator/three_d_secure/" + encodeURIComponent(intentId), { client_secret: clientSecret, result: "fail" }).then(function (result) {
        finish(result.error ? { error: result.error } : {});
      });
    });
    window.addEventListener("message", onMessage);
    document.body.appendChild(overlay);
    frame.focus();
  });
}
