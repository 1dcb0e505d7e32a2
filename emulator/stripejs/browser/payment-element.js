/* global IntegrationError, appearanceVariables, PAYMENT_ELEMENT_CSS, cardBrandFor, formatCardNumber, formatExpiry, formatCvc,
   formatPostalCode, checkCardNumber, checkExpiry, checkCvc, checkPostalCode, parseExpiry, digitsOnly, createEmitter,
   billingFieldVisibility, paymentElementMarkup, POSTAL_CODE_COUNTRIES */
// The Payment Element: card fields rendered into the merchant's container (inside a shadow root),
// emitting the events and exposing the methods of Stripe's StripePaymentElement.

// Stripe's iframe resizes a beat after a field shows its error. Here the error would push the
// page's submit button away between mousedown and mouseup and swallow the click, so errors
// caused by leaving a field wait until the pointer is released.
var pointerHeld = false;
var afterPointerRelease = [];
function whenPointerReleased(callback) {
  if (pointerHeld) afterPointerRelease.push(callback);
  else callback();
}
document.addEventListener("pointerdown", function () { pointerHeld = true; }, true);
document.addEventListener("pointerup", function () {
  setTimeout(function () {
    pointerHeld = false;
    afterPointerRelease.splice(0).forEach(function (callback) { callback(); });
  }, 0);
}, true);

function createPaymentElement(group, initialOptions) {
  var options = Object.assign({}, initialOptions || {});
  var emitter = createEmitter();
  var host = null;
  var wrapper = null;
  var root = null;
  var destroyed = false;
  var focused = false;
  var defaults = (options.defaultValues && options.defaultValues.billingDetails && options.defaultValues.billingDetails.address) || {};
  var values = { number: "", expiry: "", cvc: "", country: defaults.country || "US", postalCode: defaults.postal_code || "" };
  var touched = {};

  var element = {};
  function guard() {
    if (destroyed) throw IntegrationError("This Element has already been destroyed. Please create a new one.");
  }
  function input(id) { return root && root.getElementById(id); }
  function visibility() { return billingFieldVisibility(options.fields); }
  function postalShown() { return visibility().postalCode && Boolean(POSTAL_CODE_COUNTRIES[values.country]); }

  function fieldErrors(final) {
    var vis = visibility();
    return {
      cardNumber: checkCardNumber(values.number, final),
      cardExpiry: checkExpiry(values.expiry, final),
      cardCvc: checkCvc(values.cvc, values.number, final),
      postalCode: postalShown() ? checkPostalCode(values.postalCode, vis.country ? values.country : "US", final) : null,
    };
  }
  function showErrors(errors, onlyTouched) {
    Object.keys(errors).forEach(function (id) {
      var field = input(id);
      var message = root && root.getElementById(id + "-error");
      if (!field || !message) return;
      var error = onlyTouched && !touched[id] ? null : errors[id];
      message.textContent = error ? error.message : "";
      field.setAttribute("aria-invalid", error ? "true" : "false");
    });
  }
  function changeEvent() {
    var errors = fieldErrors(true);
    var complete = Object.keys(errors).every(function (id) { return !errors[id]; });
    var empty = !values.number && !values.expiry && !values.cvc && !(postalShown() && values.postalCode);
    return { elementType: "payment", empty: empty, complete: complete, collapsed: false, value: { type: "card" } };
  }
  function syncFields() {
    // After a load error the fields are gone; nothing to sync.
    if (!root || !input("cardNumber")) return;
    var postal = root.querySelector('[data-field="postalCode"]');
    root.querySelector('[data-field="country"]').hidden = !visibility().country;
    postal.hidden = !postalShown();
    postal.querySelector("label").textContent = POSTAL_CODE_COUNTRIES[values.country] || "Postal code";
    input("cardNumber").value = values.number;
    input("cardExpiry").value = values.expiry;
    input("cardCvc").value = values.cvc;
    input("country").value = values.country;
    input("postalCode").value = values.postalCode;
    var brand = cardBrandFor(values.number).brand;
    root.querySelector(".brand").textContent = values.number && brand !== "unknown" ? brand : "";
    ["cardNumber", "cardExpiry", "cardCvc", "country", "postalCode"].forEach(function (id) {
      input(id).disabled = Boolean(options.readOnly);
    });
  }
  function onInput(event) {
    var target = event.target;
    // Text fields are handled on "input"; "change" matters only for the country select.
    if (event.type === "change" && target.id !== "country") return;
    var deleting = event.inputType && event.inputType.indexOf("delete") === 0;
    if (target.id === "cardNumber") values.number = formatCardNumber(target.value);
    if (target.id === "cardExpiry") values.expiry = formatExpiry(target.value, deleting);
    if (target.id === "cardCvc") values.cvc = formatCvc(target.value, values.number);
    if (target.id === "country") values.country = target.value;
    if (target.id === "postalCode") values.postalCode = formatPostalCode(target.value, values.country);
    // Like Stripe: an error appears as soon as a field is known to be wrong, and an
    // incomplete one is only reported once the customer leaves it.
    var live = fieldErrors(false);
    if (live[target.id]) touched[target.id] = true;
    syncFields();
    showErrors(Object.assign(fieldErrors(false), leftIncomplete()), true);
    emitter.emit("change", changeEvent());
  }
  var leftFields = {};
  function leftIncomplete() {
    var final = fieldErrors(true);
    var result = {};
    Object.keys(leftFields).forEach(function (id) { if (final[id]) result[id] = final[id]; });
    return result;
  }
  function onFocusOut(event) {
    var id = event.target.id;
    var value = event.target.value;
    if (value) {
      leftFields[id] = true;
      touched[id] = true;
      whenPointerReleased(function () {
        showErrors(Object.assign(fieldErrors(false), leftIncomplete()), true);
      });
    }
    setTimeout(function () {
      if (root && !root.activeElement && focused) {
        focused = false;
        emitter.emit("blur", { elementType: "payment" });
      }
    }, 0);
  }
  function onFocusIn() {
    if (!focused) {
      focused = true;
      emitter.emit("focus", { elementType: "payment" });
    }
  }
  function onKeyDown(event) {
    if (event.key === "Escape") emitter.emit("escape", { elementType: "payment" });
    // Stripe's iframe forwards Enter to the merchant's form, so pressing it submits the form.
    if (event.key === "Enter" && host) {
      var form = host.closest("form");
      if (form) {
        event.preventDefault();
        if (typeof form.requestSubmit === "function") form.requestSubmit();
        else form.submit();
      }
    }
  }
  function render() {
    wrapper = document.createElement("div");
    wrapper.setAttribute("data-stripe-element", "payment");
    root = wrapper.attachShadow({ mode: "open" });
    root.innerHTML = "<style>" + PAYMENT_ELEMENT_CSS + "</style>" + paymentElementMarkup();
    root.querySelector(".pe").setAttribute("style", appearanceVariables(group._options().appearance));
    root.addEventListener("input", onInput);
    root.addEventListener("change", onInput);
    root.addEventListener("focusin", onFocusIn);
    root.addEventListener("focusout", onFocusOut);
    root.addEventListener("keydown", onKeyDown);
    host.appendChild(wrapper);
    syncFields();
  }
  function showLoadError(error) {
    root.querySelector(".pe").innerHTML = '<p class="load-error" role="alert"></p>';
    root.querySelector(".load-error").textContent = error.message || "The payment form could not be loaded.";
    emitter.emit("loaderror", { elementType: "payment", error: error });
  }

  element.mount = function (target) {
    guard();
    var node = typeof target === "string" ? document.querySelector(target) : target;
    if (!node || typeof node.appendChild !== "function") {
      throw IntegrationError("Invalid DOM element. Make sure to call mount() with a valid DOM element or selector.");
    }
    if (host) throw IntegrationError("This Element is already mounted. Use `unmount()` to unmount the Element before re-mounting.");
    host = node;
    render();
    emitter.emit("loaderstart", { elementType: "payment" });
    group._loadIntent().then(function (result) {
      if (!root) return;
      if (result && result.error) {
        showLoadError(result.error);
        return;
      }
      // Stripe's iframe is never ready within the mounting task; frameworks (react-stripe-js)
      // attach their `ready` listener just after mount, so announce it a moment later.
      setTimeout(function () {
        if (root) emitter.emit("ready", { elementType: "payment" });
      }, 30);
    });
  };
  element.unmount = function () {
    guard();
    if (wrapper && wrapper.parentNode) wrapper.parentNode.removeChild(wrapper);
    host = wrapper = root = null;
    focused = false;
  };
  element.destroy = function () {
    guard();
    element.unmount();
    destroyed = true;
    group._forget(element);
  };
  element.on = function (type, handler) { emitter.on(type, handler); return element; };
  element.once = function (type, handler) { emitter.once(type, handler); return element; };
  element.off = function (type, handler) { emitter.off(type, handler); return element; };
  element.update = function (updates) {
    guard();
    Object.assign(options, updates || {});
    syncFields();
  };
  element.focus = function () { guard(); if (input("cardNumber")) input("cardNumber").focus(); };
  element.blur = function () { guard(); if (root && root.activeElement) root.activeElement.blur(); };
  element.clear = function () {
    guard();
    values.number = values.expiry = values.cvc = values.postalCode = "";
    touched = {};
    leftFields = {};
    syncFields();
    showErrors(fieldErrors(false), true);
    emitter.emit("change", changeEvent());
  };
  element.collapse = function () { guard(); return element; };

  // For the Elements group and the confirm flows: never part of Stripe's public surface.
  element._restyle = function () {
    var container = root && root.querySelector(".pe");
    if (container) container.setAttribute("style", appearanceVariables(group._options().appearance));
  };

  element._isMounted = function () { return Boolean(root) && !destroyed; };
  element._validate = function () {
    var errors = fieldErrors(true);
    Object.keys(errors).forEach(function (id) { touched[id] = true; leftFields[id] = true; });
    showErrors(errors, false);
    var ids = ["cardNumber", "cardExpiry", "cardCvc", "postalCode"];
    for (var i = 0; i < ids.length; i++) if (errors[ids[i]]) return errors[ids[i]];
    return null;
  };
  element._paymentMethodParams = function () {
    var expiry = parseExpiry(values.expiry) || { month: 0, year: 0 };
    var vis = visibility();
    var address = {};
    if (vis.country) address.country = values.country;
    if (postalShown()) address.postal_code = values.postalCode;
    return {
      type: "card",
      card: { number: digitsOnly(values.number), exp_month: expiry.month, exp_year: expiry.year, cvc: values.cvc },
      billing_details: Object.keys(address).length ? { address: address } : undefined,
    };
  };
  return element;
}
