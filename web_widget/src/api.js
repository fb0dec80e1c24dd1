/*
 * The Rondkomen chat API (/api/v1). Every failure becomes an ApiError with:
 *   status  HTTP status, or 0 when the server could not be reached (offline, timeout, CORS)
 *   code    the API's error code ("session_not_found", "bot_unavailable", …) or "network"
 *   message the API's Dutch message for the resident ("" when there is none)
 * Requests never carry cookies or a referrer: the chat is anonymous by construction.
 */

const TIMEOUT_MS = 30000; // A Rasa turn can take a few seconds; beyond this we offer a retry.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(`${status} ${code}`);
    this.status = status;
    this.code = code;
    this.residentMessage = message;
  }

  get isNetwork() {
    return this.status === 0;
  }
}

/** The API for a resident of `municipality` (its key; '' for the installation's default). */
export function createApi(apiBase, municipality = '') {
  const root = new URL('api/v1/', apiBase.endsWith('/') ? apiBase : `${apiBase}/`);

  async function request(method, path, body) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response;
    try {
      response = await fetch(new URL(path, root).href, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch {
      throw new ApiError(0, 'network', '');
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 204) return null;
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null; // A proxy's HTML error page, for example.
    }
    if (!response.ok) {
      const error = (data && data.error) || {};
      throw new ApiError(
        response.status,
        typeof error.code === 'string' ? error.code : `http_${response.status}`,
        typeof error.message === 'string' ? error.message : '',
      );
    }
    return data;
  }

  const sessionPath = (id) => `sessions/${encodeURIComponent(id)}`;
  const handoffPath = (id, rest = '') => `${sessionPath(id)}/handoff${rest}`;

  return {
    /** A new conversation of a resident of the widget's municipality (404 when not served). */
    async createSession() {
      const data = await request('POST', 'sessions', municipality ? { municipality } : undefined);
      return data.session_id;
    },
    /** The bot's replies; `conversationDeleted` when the resident asked the bot to wipe it all,
     * `handoffOffer` when the bot offers a person (the consent screen opens). */
    async sendMessage(sessionId, text) {
      const data = await request('POST', `${sessionPath(sessionId)}/messages`, { text });
      return {
        messages: normaliseMessages(data && data.messages),
        conversationDeleted: Boolean(data && data.conversation_deleted),
        handoffOffer: Boolean(data && data.handoff_offer),
      };
    },
    async deleteSession(sessionId) {
      try {
        await request('DELETE', sessionPath(sessionId));
      } catch (err) {
        // Already gone (deleted elsewhere or expired): that is what the resident wanted.
        if (!(err instanceof ApiError && err.status === 404)) throw err;
      }
    },
    getWidgetConfig() {
      const query = municipality ? `?municipality=${encodeURIComponent(municipality)}` : '';
      return request('GET', `widget-config${query}`);
    },
    // The warm handoff to a counsellor (issue 5). Each returns the API's JSON as is.
    handoff: {
      start: (id) => request('POST', handoffPath(id)),
      availability: (id) => request('GET', handoffPath(id, '/availability')),
      removeItem: (id, itemId) => request('DELETE', handoffPath(id, `/items/${encodeURIComponent(itemId)}`)),
      setQuestion: (id, question) => request('PUT', handoffPath(id, '/question'), { question }),
      consent: (id, body) => request('POST', handoffPath(id, '/consent'), body),
      decline: (id) => request('POST', handoffPath(id, '/decline')),
      withdraw: (id) => request('POST', handoffPath(id, '/withdraw')),
      poll: (id, after) => request('GET', handoffPath(id, `/messages?after=${encodeURIComponent(after)}`)),
    },
  };
}

/**
 * Keep only what the widget understands, as plain strings. Replies of this endpoint come from
 * the bot (a counsellor's messages come from the handoff poll). `download` is a text file the
 * resident may save (e.g. the outcome of the benefits check).
 */
export function normaliseMessages(messages) {
  if (!Array.isArray(messages)) return [];
  return messages
    .filter((m) => m && typeof m === 'object')
    .map((m) => ({
      text: typeof m.text === 'string' ? m.text : '',
      author: 'bot',
      buttons: (Array.isArray(m.buttons) ? m.buttons : [])
        .filter((b) => b && typeof b.title === 'string' && typeof b.payload === 'string')
        .map((b) => ({ title: b.title, payload: b.payload })),
      download: m.download && typeof m.download.content === 'string'
        ? { filename: String(m.download.filename || 'uitkomst.txt'), content: m.download.content }
        : null,
    }))
    .filter((m) => m.text.trim() !== '' || m.buttons.length > 0 || m.download);
}
