/* global IntegrationError, callApi, parseClientSecret, retrieveIntent, invalidClientSecretError, createElementsGroup,
   createPaymentMethodFromElement, confirmIntent, confirmWithElements, handleNextActionFor, withIntent, pickDefined */
// window.Stripe(publishableKey, options): the instance @stripe/stripe-js hands to the app, with
// the methods react-stripe-js checks for and the ones the app's pages call.

// @stripe/stripe-js warns unless this equals its release train (endive for 10.x).
var STRIPE_JS_RELEASE_TRAIN = "endive";

function isPaymentElement(value) {
  return Boolean(value) && typeof value._validate === "function";
}

// PaymentMethod for confirmCardPayment/confirmCardSetup's `payment_method`: an id, the mounted
// Payment Element with billing details, or a card token.
function paymentMethodFromCardData(publishableKey, paymentMethod) {
  if (!paymentMethod) return Promise.resolve({ paymentMethod: null });
  if (typeof paymentMethod === "string") return Promise.resolve({ paymentMethod: { id: paymentMethod } });
  if (isPaymentElement(paymentMethod.card)) return createPaymentMethodFromElement(publishableKey, paymentMethod.card, paymentMethod);
  if (paymentMethod.card && typeof paymentMethod.card.token === "string") {
    var params = { type: "card", card: { token: paymentMethod.card.token }, billing_details: paymentMethod.billing_details };
    return callApi(publishableKey, "POST", "/v1/payment_methods", params).then(function (result) {
      return result.error ? { error: result.error } : { paymentMethod: result.body };
    });
  }
  return Promise.reject(IntegrationError("Invalid value for payment_method: pass a PaymentMethod id, { card: element } or { card: { token } }."));
}

function confirmCardIntent(publishableKey, kind, clientSecret, data, options) {
  return Promise.resolve().then(function () {
    var parsed = parseClientSecret(clientSecret);
    if (!parsed) return { error: invalidClientSecretError(clientSecret) };
    if (parsed.kind !== kind) throw IntegrationError("Invalid value for client secret: expected a " + (kind === "setup_intent" ? "SetupIntent" : "PaymentIntent") + " client secret.");
    data = data || {};
    return paymentMethodFromCardData(publishableKey, data.payment_method).then(function (created) {
      if (created.error) return { error: created.error };
      var extra = pickDefined(data, ["return_url", "receipt_email", "setup_future_usage", "shipping", "save_payment_method"]);
      var handleActions = !(options && options.handleActions === false);
      return confirmIntent(publishableKey, kind, clientSecret, created.paymentMethod && created.paymentMethod.id, extra, handleActions);
    });
  });
}

function retrieveIntentResult(publishableKey, kind, clientSecret) {
  var parsed = parseClientSecret(clientSecret);
  if (parsed && parsed.kind !== kind) {
    return Promise.reject(IntegrationError("Invalid value for client secret: expected a " + (kind === "setup_intent" ? "SetupIntent" : "PaymentIntent") + " client secret."));
  }
  return retrieveIntent(publishableKey, clientSecret).then(function (result) {
    return result.error ? { error: result.error } : withIntent(kind, result.body);
  });
}

function createStripeInstance(publishableKey, options) {
  if (typeof publishableKey !== "string") {
    throw IntegrationError("Invalid value for Stripe(): apiKey should be a string. You specified: " + typeof publishableKey + ".");
  }
  if (/^(sk|rk)_/.test(publishableKey)) {
    throw IntegrationError("You should not use your secret key with Stripe.js. Please pass a publishable key instead.");
  }
  var registered = { wrappers: [], appInfo: null };
  var stripe = {
    _apiKey: publishableKey,
    _options: Object.assign({}, options || {}),
    _registerWrapper: function (wrapper) {
      registered.wrappers.push(wrapper);
    },
    registerAppInfo: function (appInfo) {
      registered.appInfo = appInfo;
    },
    _registered: function () {
      return registered;
    },
    elements: function (elementsOptions) {
      return createElementsGroup(publishableKey, elementsOptions);
    },
    confirmSetup: function (confirmOptions) {
      return confirmWithElements(publishableKey, "setup_intent", confirmOptions);
    },
    confirmPayment: function (confirmOptions) {
      return confirmWithElements(publishableKey, "payment_intent", confirmOptions);
    },
    confirmCardPayment: function (clientSecret, data, confirmOptions) {
      return confirmCardIntent(publishableKey, "payment_intent", clientSecret, data, confirmOptions);
    },
    confirmCardSetup: function (clientSecret, data, confirmOptions) {
      return confirmCardIntent(publishableKey, "setup_intent", clientSecret, data, confirmOptions);
    },
    handleNextAction: function (nextActionOptions) {
      return handleNextActionFor(publishableKey, nextActionOptions);
    },
    handleCardAction: function (clientSecret) {
      return handleNextActionFor(publishableKey, { clientSecret: clientSecret });
    },
    retrievePaymentIntent: function (clientSecret) {
      return retrieveIntentResult(publishableKey, "payment_intent", clientSecret);
    },
    retrieveSetupIntent: function (clientSecret) {
      return retrieveIntentResult(publishableKey, "setup_intent", clientSecret);
    },
    createPaymentMethod: function (data) {
      return Promise.resolve().then(function () {
        data = data || {};
        if (data.elements) {
          var element = data.elements._paymentElement();
          if (!element) throw IntegrationError("stripe.createPaymentMethod(): the Payment Element must be mounted.");
          return createPaymentMethodFromElement(publishableKey, element, data.params);
        }
        if (data.element && isPaymentElement(data.element)) return createPaymentMethodFromElement(publishableKey, data.element, data.params);
        if (data.type !== "card") throw IntegrationError("stripe.createPaymentMethod(): the local stand-in supports only type 'card'.");
        return paymentMethodFromCardData(publishableKey, data);
      });
    },
    createToken: function (element, tokenData) {
      return Promise.resolve().then(function () {
        if (!isPaymentElement(element)) throw IntegrationError("stripe.createToken(): pass the mounted card element.");
        var invalid = element._validate();
        if (invalid) return { error: invalid };
        var card = element._paymentMethodParams().card;
        var params = { card: Object.assign({}, card, pickDefined(tokenData, ["name", "address_line1", "address_line2", "address_city", "address_state", "address_zip", "address_country", "currency"])) };
        return callApi(publishableKey, "POST", "/v1/tokens", params).then(function (result) {
          return result.error ? { error: result.error } : { token: result.body };
        });
      });
    },
  };
  return stripe;
}

window.Stripe = function Stripe(publishableKey, options) {
  return createStripeInstance(publishableKey, options);
};
window.Stripe.version = STRIPE_JS_RELEASE_TRAIN;
