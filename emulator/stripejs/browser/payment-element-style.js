// The Payment Element's look, kept inside its shadow root so neither the page's CSS (Tailwind's
// preflight, say) nor ours leaks across, as Stripe's iframe guarantees in production.

var THEME_DEFAULTS = {
  stripe: { colorPrimary: "#635bff", colorBackground: "#ffffff", colorText: "#30313d", colorDanger: "#df1b41", colorTextSecondary: "#6d6e78", colorBorder: "#e6e6e6" },
  night: { colorPrimary: "#0570de", colorBackground: "#30313d", colorText: "#ffffff", colorDanger: "#fe87a1", colorTextSecondary: "#a0a0ab", colorBorder: "#424353" },
  flat: { colorPrimary: "#0570de", colorBackground: "#f6f8fa", colorText: "#30313d", colorDanger: "#df1b41", colorTextSecondary: "#6d6e78", colorBorder: "#f6f8fa" },
};

// Appearance API variables → CSS custom properties (only values that look like CSS tokens).
function appearanceVariables(appearance) {
  appearance = appearance || {};
  var theme = THEME_DEFAULTS[appearance.theme] || THEME_DEFAULTS.stripe;
  var merged = {
    fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
    fontSizeBase: "16px",
    borderRadius: "5px",
    spacingUnit: "4px",
  };
  Object.keys(theme).forEach(function (key) {
    merged[key] = theme[key];
  });
  var variables = appearance.variables || {};
  Object.keys(variables).forEach(function (key) {
    var value = variables[key];
    if (typeof value === "string" && /^[#\w\s,.'"()%-]+$/.test(value)) merged[key] = value;
  });
  return Object.keys(merged)
    .map(function (key) {
      return "--" + key + ": " + merged[key] + ";";
    })
    .join(" ");
}

var PAYMENT_ELEMENT_CSS = [
  ":host { all: initial; display: block; }",
  ".pe { font-family: var(--fontFamily); font-size: var(--fontSizeBase); color: var(--colorText); background: transparent; box-sizing: border-box; }",
  ".pe *, .pe *::before, .pe *::after { box-sizing: border-box; }",
  ".method { display: inline-flex; align-items: center; gap: 6px; padding: calc(var(--spacingUnit) * 2) calc(var(--spacingUnit) * 3); margin-bottom: calc(var(--spacingUnit) * 3); border: 2px solid var(--colorPrimary); border-radius: var(--borderRadius); color: var(--colorPrimary); font-size: 0.875em; font-weight: 600; background: var(--colorBackground); }",
  ".row { display: flex; gap: calc(var(--spacingUnit) * 3); }",
  ".row > .field { flex: 1 1 0; min-width: 0; }",
  ".field { margin-bottom: calc(var(--spacingUnit) * 3); }",
  ".control { position: relative; }",
  ".field[hidden] { display: none; }",
  "label { display: block; margin-bottom: calc(var(--spacingUnit) * 1); font-size: 0.875em; color: var(--colorText); }",
  "input, select { display: block; width: 100%; margin: 0; padding: calc(var(--spacingUnit) * 3); font: inherit; color: var(--colorText); background: var(--colorBackground); border: 1px solid var(--colorBorder); border-radius: var(--borderRadius); box-shadow: 0 1px 1px rgba(0,0,0,0.03), 0 3px 6px rgba(0,0,0,0.02); outline: none; }",
  "input::placeholder { color: var(--colorTextSecondary); }",
  "input:focus, select:focus { border-color: var(--colorPrimary); box-shadow: 0 0 0 3px color-mix(in srgb, var(--colorPrimary) 25%, transparent); }",
  "input[aria-invalid='true'] { border-color: var(--colorDanger); color: var(--colorDanger); }",
  "input:disabled, select:disabled { opacity: 0.6; }",
  ".brand { position: absolute; right: calc(var(--spacingUnit) * 3); top: 50%; transform: translateY(-50%); font-size: 0.75em; font-weight: 700; letter-spacing: 0.05em; color: var(--colorTextSecondary); text-transform: uppercase; pointer-events: none; }",
  ".error { margin: calc(var(--spacingUnit) * 1) 0 0; font-size: 0.875em; color: var(--colorDanger); }",
  ".error:empty { display: none; }",
  ".load-error { padding: calc(var(--spacingUnit) * 3); border: 1px solid var(--colorDanger); border-radius: var(--borderRadius); color: var(--colorDanger); }",
].join("\n");
