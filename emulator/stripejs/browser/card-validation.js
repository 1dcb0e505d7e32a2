// Card field rules and the messages Stripe's Payment Element shows for them. Pure functions:
// the Payment Element renders their results; the unit tests call them directly.

var CARD_BRANDS = [
  { brand: "amex", pattern: /^3[47]/, lengths: [15], cvcLength: 4, groups: [4, 6, 5] },
  { brand: "diners", pattern: /^3(0[0-5]|[689])/, lengths: [14, 16], cvcLength: 3, groups: [4, 6, 4] },
  { brand: "visa", pattern: /^4/, lengths: [16], cvcLength: 3, groups: [4, 4, 4, 4] },
  { brand: "mastercard", pattern: /^(5[1-5]|2[2-7])/, lengths: [16], cvcLength: 3, groups: [4, 4, 4, 4] },
  { brand: "discover", pattern: /^(6011|65|64[4-9])/, lengths: [16], cvcLength: 3, groups: [4, 4, 4, 4] },
  { brand: "jcb", pattern: /^35/, lengths: [16], cvcLength: 3, groups: [4, 4, 4, 4] },
  { brand: "unionpay", pattern: /^62/, lengths: [16, 17, 18, 19], cvcLength: 3, groups: [4, 4, 4, 4, 3] },
];
var UNKNOWN_BRAND = { brand: "unknown", pattern: /^/, lengths: [16], cvcLength: 3, groups: [4, 4, 4, 4] };

function digitsOnly(value) {
  return String(value || "").replace(/\D/g, "");
}

function cardBrandFor(number) {
  var digits = digitsOnly(number);
  for (var i = 0; i < CARD_BRANDS.length; i++) {
    if (CARD_BRANDS[i].pattern.test(digits)) return CARD_BRANDS[i];
  }
  return UNKNOWN_BRAND;
}

function passesLuhn(digits) {
  var sum = 0;
  for (var i = 0; i < digits.length; i++) {
    var digit = Number(digits.charAt(digits.length - 1 - i));
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

// "4242424242424242" → "4242 4242 4242 4242"; amex as 4-6-5, as printed on the card.
function formatCardNumber(value) {
  var info = cardBrandFor(value);
  var maxLength = info.lengths[info.lengths.length - 1];
  var digits = digitsOnly(value).slice(0, maxLength);
  var parts = [];
  var offset = 0;
  for (var i = 0; i < info.groups.length && offset < digits.length; i++) {
    parts.push(digits.slice(offset, offset + info.groups[i]));
    offset += info.groups[i];
  }
  return parts.join(" ");
}

// "1" → "1", "4" → "04 / ", "1234" → "12 / 34"
function formatExpiry(value, deleting) {
  var digits = digitsOnly(value).slice(0, 4);
  if (digits.length === 1 && Number(digits) > 1) digits = "0" + digits;
  if (digits.length < 2) return digits;
  if (digits.length === 2) return deleting ? digits : digits + " / ";
  return digits.slice(0, 2) + " / " + digits.slice(2);
}

function formatCvc(value, number) {
  return digitsOnly(value).slice(0, cardBrandFor(number).cvcLength);
}

function validationError(code, message, param) {
  return { type: "validation_error", code: code, message: message, param: param };
}

// Each check returns null when the field is fine, or { code, message } Stripe would show.
// `final` is true on submit: an empty or partly typed field then counts as incomplete.
function checkCardNumber(value, final) {
  var digits = digitsOnly(value);
  var info = cardBrandFor(digits);
  var maxLength = info.lengths[info.lengths.length - 1];
  if (digits.length >= info.lengths[0] && (digits.length >= maxLength || final)) {
    if (!passesLuhn(digits)) return validationError("invalid_number", "Your card number is invalid.", "number");
    return null;
  }
  if (digits.length < info.lengths[0] && final) {
    return validationError("incomplete_number", "Your card number is incomplete.", "number");
  }
  return null;
}

function parseExpiry(value) {
  var digits = digitsOnly(value);
  if (digits.length !== 4) return null;
  return { month: Number(digits.slice(0, 2)), year: 2000 + Number(digits.slice(2)) };
}

function checkExpiry(value, final, now) {
  var digits = digitsOnly(value);
  now = now || new Date();
  if (digits.length >= 2) {
    var month = Number(digits.slice(0, 2));
    if (month < 1 || month > 12) {
      return validationError("invalid_expiry_month", "Your card's expiration date is invalid.", "exp_month");
    }
  }
  if (digits.length < 4) {
    return final ? validationError("incomplete_expiry", "Your card's expiration date is incomplete.", "exp_month") : null;
  }
  var expiry = parseExpiry(digits);
  var thisYear = now.getFullYear();
  var thisMonth = now.getMonth() + 1;
  if (expiry.year < thisYear) {
    return validationError("invalid_expiry_year_past", "Your card's expiration year is in the past.", "exp_year");
  }
  if (expiry.year === thisYear && expiry.month < thisMonth) {
    return validationError("invalid_expiry_month_past", "Your card's expiration date is in the past.", "exp_month");
  }
  if (expiry.year > thisYear + 50) {
    return validationError("invalid_expiry_year", "Your card's expiration year is invalid.", "exp_year");
  }
  return null;
}

function checkCvc(value, number, final) {
  var digits = digitsOnly(value);
  if (final && digits.length < cardBrandFor(number).cvcLength) {
    return validationError("incomplete_cvc", "Your card's security code is incomplete.", "cvc");
  }
  return null;
}

function checkPostalCode(value, country, final) {
  var trimmed = String(value || "").trim();
  var isUs = country === "US";
  var incomplete = validationError("incomplete_zip", isUs ? "Your ZIP is incomplete." : "Your postal code is incomplete.", "postal_code");
  if (!trimmed) return final ? incomplete : null;
  if (isUs && final && !/^\d{5}$/.test(trimmed)) return incomplete;
  return null;
}

// US ZIPs are five digits; elsewhere postal codes keep their letters and spaces.
function formatPostalCode(value, country) {
  return country === "US" ? digitsOnly(value).slice(0, 5) : String(value || "").slice(0, 10).toUpperCase();
}
