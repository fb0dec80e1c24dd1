/*
 * The conversation in the browser: sessionStorage only. It survives moving to another page of
 * the site in the same tab and disappears when the tab closes. Never cookies, never localStorage
 * (a shared library computer must not keep a resident's money worries).
 *
 * State shape (version 1):
 *   sessionId  the API session, or null before the first message is sent
 *   items      [{ id, author: "resident"|"bot"|"person"|"system", authorName, text, time (ISO),
 *                 buttons: [{title, payload}], download: {filename, content} | null, payload,
 *                 status: "sending"|"failed"|undefined }]
 *   open       whether the panel was open
 *   draft      what the resident had typed but not sent
 *   error      null or { text } shown under a failed message, with a retry button
 *   handoff    null or { status, route, connected, counsellorName, after } (see handoff.js)
 */

const VERSION = 1;
const MAX_ITEMS = 300; // Keeps well under the sessionStorage quota.

export function emptyState() {
  return { v: VERSION, sessionId: null, items: [], open: false, draft: '', error: null, handoff: null };
}

export function createStore(municipality) {
  const key = `rondkomen:${municipality}`;

  function storage() {
    try {
      return window.sessionStorage; // Throws when storage is disabled by the browser.
    } catch {
      return null;
    }
  }

  return {
    load() {
      const s = storage();
      try {
        const state = JSON.parse((s && s.getItem(key)) || 'null');
        if (state && state.v === VERSION && Array.isArray(state.items)) {
          return { ...emptyState(), ...state };
        }
      } catch {
        // Corrupt entry: start clean.
      }
      return emptyState();
    },
    save(state) {
      const s = storage();
      if (!s) return;
      const trimmed = { ...state, items: state.items.slice(-MAX_ITEMS) };
      try {
        s.setItem(key, JSON.stringify(trimmed));
      } catch {
        // Quota exceeded or private mode: the chat still works on this page.
      }
    },
    clear() {
      const s = storage();
      if (s) s.removeItem(key);
    },
  };
}
