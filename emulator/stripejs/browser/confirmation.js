/* global IntegrationError, callApi, parseClientSecret, intentPath, retrieveIntent, invalidClientSecretError, runThreeDSecureChallenge */
// Confirming intents the way Stripe.js does: create the card PaymentMethod from the Payment
// Element, confirm with the client secret, run 3-D Secure when the intent asks for it, then
// resolve with the intent or with Stripe's error (and redirect to return_url when due).

var RESULT_KEY = { setup_intent: "setupIntent", payment_intent: "paymentIntent" };
var LAST_ERROR_KEY = { setup_intent: "last_setup_error", payment_intent: "last_payment_error" };

function withIntent(kind, intent, fields) {
  var result = {};
  result[RESULT_KEY[kind]] = intent;
  return Object.assign(result, fields || {});
}

function mergeBillingDetails(base, extra) {
  if (!extra) return base;
  var merged = Object.assign({}, base || {}, extra);
  if (base && base.address && extra.address) merged.address = Object.assign({}, base.address, extra.address);
  return merged;
}

// { paymentMethodId } or { error } from the mounted Payment Element (validation included).
function createPaymentMethodFromElement(publishableKey, element, paymentMethodData) {
  var invalid = element._validate();
  if (invalid) return Promise.resolve({ error: invalid });
  var params = element._paymentMethodParams();
  var extra = paymentMethodData || {};
  params.billing_details = mergeBillingDetails(params.billing_details, extra.billing_details);
  if (extra.metadata) params.metadata = extra.metadata;
  if (extra.allow_redisplay) params.allow_redisplay = extra.allow_redisplay;
  return callApi(publishableKey, "POST", "/v1/payment_methods", params).then(function (result) {
    return result.error ? { error: result.error } : { paymentMethod: result.body };
  });
}

// The intent's state after confirmation (and any challenge) → what Stripe.js resolves with.
function settleIntent(kind, intent) {
  var lastError = intent[LAST_ERROR_KEY[kind]];
  if (intent.status === "requires_payment_method" && lastError) {
    var error = Object.assign({}, lastError);
    error[kind] = intent;
    return { error: error };
  }
  return withIntent(kind, intent);
}

function handleIntentNextAction(publishableKey, kind, intent, clientSecret) {
  var action = intent.next_action || {};
  if (action.type !== "use_stripe_sdk" && action.type !== "redirect_to_url") {
    return Promise.resolve({
      error: { type: "invalid_request_error", code: "unsupported_next_action", message: "The local Stripe.js stand-in cannot handle a next_action of type " + String(action.type) + "." },
    });
  }
  return runThreeDSecureChallenge(publishableKey, intent.id, clientSecret).then(function (challenge) {
    if (challenge.error) return { error: challenge.error };
    return retrieveIntent(publishableKey, clientSecret).then(function (result) {
      return result.error ? { error: result.error } : settleIntent(kind, result.body);
    });
  });
}

function redirectStatusFor(intent) {
  if (intent.status === "processing") return "processing";
  if (intent.status === "requires_payment_method") return "failed";
  return "succeeded";
}

function redirectToReturnUrl(kind, returnUrl, intent, clientSecret) {
  var url = new URL(returnUrl, window.location.href);
  url.searchParams.set(kind, intent.id);
  url.searchParams.set(kind + "_client_secret", clientSecret);
  url.searchParams.set("redirect_status", redirectStatusFor(intent));
  window.location.assign(url.toString());
  // Stripe.js never resolves once it navigates away.
  return new Promise(function () {});
}

function confirmIntent(publishableKey, kind, clientSecret, paymentMethod, extraParams, handleActions) {
  var parsed = parseClientSecret(clientSecret);
  if (!parsed) return Promise.resolve({ error: invalidClientSecretError(clientSecret) });
  // Stripe.js sends use_stripe_sdk so 3-D Secure comes back as an in-page challenge.
  var params = Object.assign({ client_secret: clientSecret, use_stripe_sdk: true }, extraParams || {});
  if (paymentMethod) params.payment_method = paymentMethod;
  return callApi(publishableKey, "POST", intentPath(kind, parsed.id) + "/confirm", params).then(function (result) {
    if (result.error) return { error: result.error };
    var intent = result.body;
    if (intent.status === "requires_action" && handleActions) {
      return handleIntentNextAction(publishableKey, kind, intent, clientSecret);
    }
    return settleIntent(kind, intent);
  });
}

function pickDefined(source, keys) {
  var picked = {};
  keys.forEach(function (key) {
    if (source && source[key] !== undefined) picked[key] = source[key];
  });
  return picked;
}

var CONFIRM_PARAM_KEYS = {
  setup_intent: ["return_url", "mandate_data"],
  payment_intent: ["return_url", "receipt_email", "setup_future_usage", "shipping", "save_payment_method", "mandate_data"],
};

// stripe.confirmSetup / stripe.confirmPayment with the Payment Element.
function confirmWithElements(publishableKey, kind, options) {
  var method = kind === "setup_intent" ? "stripe.confirmSetup()" : "stripe.confirmPayment()";
  return Promise.resolve().then(function () {
    options = options || {};
    var redirect = options.redirect === undefined ? "always" : options.redirect;
    if (redirect !== "always" && redirect !== "if_required") {
      throw IntegrationError(method + ": `redirect` must be 'always' or 'if_required'.");
    }
    var confirmParams = options.confirmParams || {};
    var elements = options.elements;
    var clientSecret = options.clientSecret || (elements && elements._options().clientSecret);
    if (!clientSecret) throw IntegrationError(method + ": the `clientSecret` argument is required when Elements was created without one.");
    var parsed = parseClientSecret(clientSecret);
    if (parsed && parsed.kind !== kind) {
      throw IntegrationError("Invalid value for " + method + " intent secret: value should be a " +
        (kind === "setup_intent" ? "SetupIntent" : "PaymentIntent") + " client secret.");
    }
    if (redirect === "always" && !confirmParams.return_url) {
      throw IntegrationError(method + ": the `confirmParams.return_url` argument is required unless passing `redirect: 'if_required'`.");
    }
    var paymentMethodStep;
    if (typeof confirmParams.payment_method === "string") {
      paymentMethodStep = Promise.resolve({ paymentMethod: { id: confirmParams.payment_method } });
    } else {
      var element = elements && elements._paymentElement();
      if (!element) throw IntegrationError(method + ": the Payment Element must be mounted to confirm with `elements`.");
      paymentMethodStep = createPaymentMethodFromElement(publishableKey, element, confirmParams.payment_method_data);
    }
    return paymentMethodStep.then(function (created) {
      if (created.error) return { error: created.error };
      var extra = pickDefined(confirmParams, CONFIRM_PARAM_KEYS[kind]);
      return confirmIntent(publishableKey, kind, clientSecret, created.paymentMethod.id, extra, true).then(function (result) {
        var intent = result[RESULT_KEY[kind]];
        if (result.error || redirect === "if_required") return result;
        return redirectToReturnUrl(kind, confirmParams.return_url, intent, clientSecret);
      });
    });
  });
}

// stripe.handleNextAction({ clientSecret }): finish an intent the server left in requires_action.
function handleNextActionFor(publishableKey, options) {
  var clientSecret = options && options.clientSecret;
  var parsed = parseClientSecret(clientSecret);
  if (!parsed) return Promise.resolve({ error: invalidClientSecretError(clientSecret) });
  return retrieveIntent(publishableKey, clientSecret).then(function (result) {
    if (result.error) return { error: result.error };
    if (result.body.status !== "requires_action") {
      throw IntegrationError("handleNextAction: The " + (parsed.kind === "setup_intent" ? "SetupIntent" : "PaymentIntent") +
        " supplied does not require actions to be handled (status: " + result.body.status + ").");
    }
    return handleIntentNextAction(publishableKey, parsed.kind, result.body, clientSecret);
  });
}
