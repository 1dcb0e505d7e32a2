/* global IntegrationError, createEmitter, createPaymentElement, retrieveIntent */
// stripe.elements(): the group that owns the Payment Element, its options and its intent.

function createElementsGroup(publishableKey, initialOptions) {
  var options = Object.assign({}, initialOptions || {});
  var emitter = createEmitter();
  var paymentElement = null;
  var intentLoad = null;

  var group = {};
  group._options = function () {
    return options;
  };
  // The real Payment Element fetches its intent before showing anything; a bad client secret
  // surfaces as `loaderror`, so the stand-in fetches it too.
  group._loadIntent = function () {
    if (!options.clientSecret) return Promise.resolve({});
    if (!intentLoad) intentLoad = retrieveIntent(publishableKey, options.clientSecret);
    return intentLoad;
  };
  group._forget = function (element) {
    if (paymentElement === element) paymentElement = null;
  };
  group._paymentElement = function () {
    return paymentElement && paymentElement._isMounted() ? paymentElement : null;
  };

  group.create = function (type, elementOptions) {
    if (type !== "payment") {
      throw IntegrationError("The local Stripe.js stand-in only provides the Payment Element (elements.create('payment')), not '" + String(type) + "'.");
    }
    if (!options.clientSecret && !options.mode) {
      throw IntegrationError("In order to create a payment element, you must pass a valid PaymentIntent or SetupIntent client secret when creating the Elements group.\n\n  e.g. stripe.elements({clientSecret: \"{{CLIENT_SECRET}}\"})");
    }
    if (paymentElement) throw IntegrationError("Can only create one Element of type payment.");
    paymentElement = createPaymentElement(group, elementOptions);
    return paymentElement;
  };
  group.getElement = function (type) {
    return type === "payment" ? paymentElement : null;
  };
  group.update = function (updates) {
    updates = updates || {};
    if (updates.clientSecret && updates.clientSecret !== options.clientSecret) intentLoad = null;
    Object.assign(options, updates);
    if (paymentElement && updates.appearance) paymentElement._restyle();
    return Promise.resolve().then(function () {
      emitter.emit("update-end");
    });
  };
  group.on = function (type, handler) {
    emitter.on(type, handler);
  };
  group.off = function (type, handler) {
    emitter.off(type, handler);
  };
  group.fetchUpdates = function () {
    intentLoad = null;
    return group._loadIntent().then(function (result) {
      return result && result.error ? { error: { message: result.error.message || "Could not fetch updates." } } : {};
    });
  };
  group.submit = function () {
    var element = group._paymentElement();
    if (!element) {
      return Promise.reject(IntegrationError("elements.submit(): the Payment Element is not mounted. Mount it before calling submit()."));
    }
    var error = element._validate();
    return Promise.resolve(error ? { error: error } : { selectedPaymentMethod: "card" });
  };
  return group;
}
