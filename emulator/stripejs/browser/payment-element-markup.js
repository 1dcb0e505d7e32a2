// The Payment Element's fields: which ones show, and their labelled markup.

var COUNTRIES = [
  ["AU", "Australia"], ["AT", "Austria"], ["BE", "Belgium"], ["BR", "Brazil"], ["CA", "Canada"], ["DK", "Denmark"],
  ["FI", "Finland"], ["FR", "France"], ["DE", "Germany"], ["HK", "Hong Kong"], ["IE", "Ireland"], ["IT", "Italy"],
  ["JP", "Japan"], ["KW", "Kuwait"], ["MX", "Mexico"], ["NL", "Netherlands"], ["NZ", "New Zealand"], ["NO", "Norway"],
  ["PL", "Poland"], ["PT", "Portugal"], ["SG", "Singapore"], ["ES", "Spain"], ["SE", "Sweden"], ["CH", "Switzerland"],
  ["GB", "United Kingdom"], ["US", "United States"],
];
// Countries for which Stripe's Payment Element asks for a postal code next to the country.
var POSTAL_CODE_COUNTRIES = { US: "ZIP", GB: "Postal code", CA: "Postal code" };

function billingFieldVisibility(fields) {
  var billing = fields && fields.billingDetails;
  var address = billing === "never" ? "never" : billing && billing.address;
  return {
    country: !(address === "never" || (address && address.country === "never")),
    postalCode: !(address === "never" || (address && address.postalCode === "never")),
  };
}

function fieldMarkup(id, label, attrs) {
  return '<div class="field" data-field="' + id + '"><label for="' + id + '">' + label + "</label>" +
    '<div class="control"><input id="' + id + '" ' + attrs + ' aria-invalid="false" aria-describedby="' + id + '-error">' +
    (id === "cardNumber" ? '<span class="brand" aria-hidden="true"></span>' : "") + "</div>" +
    '<p class="error" id="' + id + '-error" role="alert"></p></div>';
}

function paymentElementMarkup() {
  var options = COUNTRIES.map(function (c) { return '<option value="' + c[0] + '">' + c[1] + "</option>"; }).join("");
  return '<div class="pe"><div class="method" aria-hidden="true">Card</div>' +
    fieldMarkup("cardNumber", "Card number", 'name="number" autocomplete="cc-number" inputmode="numeric" placeholder="1234 1234 1234 1234"') +
    '<div class="row">' +
    fieldMarkup("cardExpiry", "Expiration date (MM / YY)", 'name="expiry" autocomplete="cc-exp" inputmode="numeric" placeholder="MM / YY"') +
    fieldMarkup("cardCvc", "Security code", 'name="cvc" autocomplete="cc-csc" inputmode="numeric" placeholder="CVC"') +
    '</div><div class="row"><div class="field" data-field="country"><label for="country">Country</label>' +
    '<select id="country" name="country" autocomplete="country">' + options + "</select></div>" +
    fieldMarkup("postalCode", "ZIP", 'name="postalCode" autocomplete="postal-code"') + "</div></div>";
}

