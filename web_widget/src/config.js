/*
 * Widget options: from the script tag's data attributes or from init(container, options).
 *
 *   option (JS)         data attribute            meaning
 *   apiBase             data-api-base             root URL of the Rondkomen API (default: the
 *                                                 origin this script was loaded from)
 *   municipality        data-municipality         municipality key, e.g. "heerlen"; without it,
 *                                                 the installation's default municipality
 *   colors.accent       data-color-accent         main colour as #rgb or #rrggbb
 *   texts.<key>         data-text-<key>           override one string of strings.nl.json, e.g.
 *                                                 data-text-launcher-label="Chat met ons"
 *   position            data-position             "right" (default) or "left"
 *   name, phone,        data-name, data-phone,    fallbacks used until (or when) the API's
 *   privacyUrl          data-privacy-url          widget-config cannot be read; privacyUrl
 *                                                 given here wins over the API's value
 */

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const DARK_TEXT = '#1a1a1a';
const LIGHT_TEXT = '#ffffff';
const MIN_CONTRAST = 4.5; // WCAG 2.1 AA for normal text.

/** Merge data attributes and JS options into one validated config object. */
export function resolveConfig(options, assetBase) {
  const data = options.dataset || {};
  const texts = { ...textsFromDataset(data), ...(options.texts || {}) };
  const colors = { accent: data.colorAccent, ...(options.colors || {}) };
  // Empty: the API's default municipality (an installation that serves one needs no key).
  const municipality = String(options.municipality || data.municipality || '').trim();
  const apiBaseRaw = options.apiBase ?? data.apiBase;
  return {
    municipality,
    // Default API: the server that serves the widget (it mounts the widget under /widget/).
    apiBase: new URL(apiBaseRaw ? apiBaseRaw : '/', apiBaseRaw ? document.baseURI : assetBase).href,
    assetBase,
    texts,
    theme: themeFromColours(colors),
    position: (options.position || data.position) === 'left' ? 'left' : 'right',
    fallback: {
      name: options.name || data.name || '',
      phone: options.phone || data.phone || '',
      privacyUrl: options.privacyUrl || data.privacyUrl || '',
    },
  };
}

/** data-text-launcher-label arrives as dataset.textLauncherLabel; the key is launcherLabel. */
function textsFromDataset(data) {
  const texts = {};
  for (const [key, value] of Object.entries(data)) {
    if (key.length > 4 && key.startsWith('text')) {
      texts[key.charAt(4).toLowerCase() + key.slice(5)] = value;
    }
  }
  return texts;
}

/**
 * Turn the host's accent colour into CSS custom properties. The text colour on the accent is
 * chosen for contrast; a colour on which neither white nor dark text reaches 4.5:1, or that is
 * not a plain hex colour (the value ends up in CSS), is ignored with a console warning.
 */
function themeFromColours(colors) {
  const accent = colors.accent && String(colors.accent).trim();
  if (!accent) return {};
  if (!HEX_COLOUR.test(accent)) {
    console.warn('[rondkomen] colors.accent must be #rgb or #rrggbb; ignored:', accent);
    return {};
  }
  const onLight = contrast(accent, LIGHT_TEXT);
  const onDark = contrast(accent, DARK_TEXT);
  if (onLight < MIN_CONTRAST && onDark < MIN_CONTRAST) {
    console.warn('[rondkomen] colors.accent has too little contrast for text; ignored:', accent);
    return {};
  }
  // The accent is also used for links and borders on white, which needs 4.5:1 as well.
  const onWhite = contrast(accent, LIGHT_TEXT);
  return {
    '--rk-accent': accent,
    '--rk-on-accent': onLight >= MIN_CONTRAST ? LIGHT_TEXT : DARK_TEXT,
    ...(onWhite >= MIN_CONTRAST ? { '--rk-accent-text': accent } : {}),
  };
}

function contrast(a, b) {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex) {
  let h = hex.slice(1);
  if (h.length === 3) h = h.replace(/./g, (c) => c + c);
  const channels = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
