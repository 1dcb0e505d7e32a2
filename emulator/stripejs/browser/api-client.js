/* global SERVED_FROM */
// Talks to the emulator's API the way Stripe.js talks to api.stripe.com: form-encoded bodies,
// the publishable key as bearer token, and Stripe's error objects passed through untouched.

// Derived from this script's own URL so one script works on whatever port the emulator got.
var API_BASE = (function () {
  var current = document.currentScript;
  if (current && current.src) {
    try {
      return new URL(current.src).origin;
    } catch (_) {
      /* fall through to the origin the server saw */
    }
  }
  return SERVED_FROM;
})();

function IntegrationError(message) {
  var error = new Error(message);
  error.name = "IntegrationError";
  return error;
}

// Bracket notation exactly as Stripe expects: card[number]=…, billing_details[address][country]=…
function encodeForm(params, prefix, pairs) {
  pairs = pairs || [];
  Object.keys(params).forEach(function (key) {
    var value = params[key];
    var name = prefix ? prefix + "[" + key + "]" : key;
    if (value === undefined) return;
    if (value === null) {
      pairs.push(encodeURIComponent(name) + "=");
    } else if (Array.isArray(value)) {
      value.forEach(function (item, index) {
        if (item !== null && typeof item === "object") encodeForm(item, name + "[" + index + "]", pairs);
        else pairs.push(encodeURIComponent(name + "[" + index + "]") + "=" + encodeURIComponent(String(item)));
      });
    } else if (typeof value === "object") {
      encodeForm(value, name, pairs);
    } else {
      pairs.push(encodeURIComponent(name) + "=" + encodeURIComponent(String(value)));
    }
  });
  return pairs.join("&");
}

function connectionError() {
  return {
    type: "api_connection_error",
    message: "An error occurred with our connection to Stripe. Please try again.",
  };
}

// Resolves to { body } on 2xx or { error } with Stripe's error object; never rejects.
function callApi(publishableKey, method, path, params) {
  var url = API_BASE + path;
  var init = {
    method: method,
    headers: { Authorization: "Bearer " + publishableKey },
  };
  if (params && method === "GET") {
    var query = encodeForm(params);
    if (query) url += (url.indexOf("?") === -1 ? "?" : "&") + query;
  } else if (params) {
    init.headers["Content-Type"] = "application/x-www-form-urlencoded";
    init.body = encodeForm(params);
  }
  return fetch(url, init).then(
    function (response) {
      return response.text().then(function (text) {
        var body = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch (_) {
          body = null;
        }
        if (response.ok && body) return { body: body };
        if (body && body.error) return { error: body.error };
        return { error: { type: "api_error", message: "Unexpected response from Stripe (HTTP " + response.status + ")." } };
      });
    },
    function () {
      return { error: connectionError() };
    },
  );
}

// "seti_123_secret_abc" → { kind: "setup_intent", id: "seti_123" }
function parseClientSecret(clientSecret) {
  if (typeof clientSecret !== "string") return null;
  var match = /^((seti|pi)_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/.exec(clientSecret);
  if (!match) return null;
  return { kind: match[2] === "seti" ? "setup_intent" : "payment_intent", id: match[1] };
}

function intentPath(kind, id) {
  return (kind === "setup_intent" ? "/v1/setup_intents/" : "/v1/payment_intents/") + encodeURIComponent(id);
}

function retrieveIntent(publishableKey, clientSecret) {
  var parsed = parseClientSecret(clientSecret);
  if (!parsed) return Promise.resolve({ error: invalidClientSecretError(clientSecret) });
  return callApi(publishableKey, "GET", intentPath(parsed.kind, parsed.id), { client_secret: clientSecret });
}

function invalidClientSecretError(clientSecret) {
  return {
    type: "invalid_request_error",
    code: "resource_missing",
    message: "Invalid value for clientSecret: " + String(clientSecret) + " should be a client secret of the form ${id}_secret_${secret}.",
    param: "client_secret",
  };
}
