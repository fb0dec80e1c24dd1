/*
 * Resident-facing text. Every string lives in strings.nl.json (editors change it there); the host
 * may override single keys through the `texts` option. Code never contains Dutch sentences.
 */

/** Load strings.nl.json next to the widget script and return a translate function. */
export async function loadStrings(assetBase, overrides) {
  const response = await fetch(new URL('strings.nl.json', assetBase).href, {
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
  });
  if (!response.ok) {
    throw new Error(`Rondkomen widget: strings.nl.json gave HTTP ${response.status}`);
  }
  const strings = { ...(await response.json()), ...overrides };
  return makeTranslator(strings);
}

/**
 * t('phoneHelp', { name: 'Gemeente Heerlen', phone: '14 045' }). A missing key returns the key
 * itself, so a typo shows up on screen instead of as an empty label.
 */
export function makeTranslator(strings) {
  return function t(key, vars) {
    const template = typeof strings[key] === 'string' ? strings[key] : key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (match, name) =>
      Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : match,
    );
  };
}
