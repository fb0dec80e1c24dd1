/*
 * The warm handoff to a counsellor (issue 5), resident side: the preview and consent, the
 * route (chat now, call-back, reference code), "Nee", withdrawal, and the live chat while a
 * counsellor chat is active (polling, since the API has no push channel).
 *
 * The API decides what is possible and holds the summary; the browser keeps only
 * `state.handoff` = { status, route, connected, counsellorName, after } in sessionStorage.
 * `connected` is the API's word for "messages go to a counsellor, the bot is silent".
 *
 *   ui.showConsent(preview, availability)  open the consent screen
 *   ui.updateConsent(preview, focusIndex)  the preview changed (an item was removed)
 *   ui.consentError(text)                  say what went wrong on the consent screen
 *   ui.closeConsent()                      back to the conversation
 *   ui.changed(), ui.announce(text, opts)  as in conversation.js
 */
const POLL_MS = 3000;
const SHARED = ['consented', 'waiting', 'claimed', 'callback_planned'];

export class HandoffFlow {
  constructor(api, chat, t, ui) {
    Object.assign(this, { api, chat, t, ui });
    this.preview = null;
    this.availability = null;
    this.timer = null;
  }

  /** Shared and not closed or withdrawn: the resident can withdraw consent. */
  get shared() {
    const handoff = this.chat.state.handoff;
    return Boolean(handoff && SHARED.includes(handoff.status));
  }

  /** "Praat met een medewerker": ask the API for the preview and show the consent screen. */
  async open() {
    try {
      let id = await this.chat.ensureSession();
      let preview;
      try {
        preview = await this.api.handoff.start(id);
      } catch (err) {
        if (err.status !== 404) throw err;
        this.chat.state.sessionId = null; // Expired: a new, empty conversation.
        id = await this.chat.ensureSession();
        preview = await this.api.handoff.start(id);
      }
      this.availability = await this.api.handoff.availability(id);
      this.preview = preview;
      if (SHARED.includes(preview.status)) {
        this.remember(preview); // Already shared earlier: nothing to agree to again.
        this.ui.changed();
        return;
      }
      this.ui.showConsent(preview, this.availability);
    } catch (err) {
      this.chat.state.error = { text: err.residentMessage || this.t('errorGeneric') };
      this.ui.changed();
      this.ui.announce(this.chat.state.error.text, { assertive: true });
    }
  }

  /** Run one handoff call; a failure is shown on the consent screen and gives null. */
  async call(fn) {
    try {
      return await fn(this.chat.state.sessionId);
    } catch (err) {
      this.ui.consentError(err.residentMessage || this.t('errorGeneric'));
      return null;
    }
  }

  async removeItem(itemId, index) {
    const preview = await this.call((id) => this.api.handoff.removeItem(id, itemId));
    if (!preview) return;
    this.preview = preview;
    this.ui.updateConsent(preview, index);
  }

  /** "Ja, deel dit": save the edited question first, then consent along the chosen route. */
  async consent({ route, question, phone, preferredTime }) {
    if ((question || '') !== (this.preview.question || '')) {
      const preview = await this.call((id) => this.api.handoff.setQuestion(id, question));
      if (!preview) return;
      this.preview = preview;
    }
    const body = { route, preferred_time: preferredTime || 'asap' };
    if (route === 'callback') body.phone = phone;
    const result = await this.call((id) => this.api.handoff.consent(id, body));
    if (!result) return;
    this.remember(result);
    this.finish(result.notice);
  }

  /** "Nee, niet delen": nothing is shared and the preview is deleted. */
  async decline() {
    const result = await this.call((id) => this.api.handoff.decline(id));
    if (!result) return;
    this.chat.state.handoff = null;
    this.finish(result.notice);
  }

  /** Withdraw consent: the API deletes what was shared; the bot answers again. */
  async withdraw() {
    try {
      const result = await this.api.handoff.withdraw(this.chat.state.sessionId);
      this.remember(result);
      this.stopPolling();
      if (result.notice) this.chat.addNotice(result.notice);
      this.ui.changed();
      if (result.notice) this.ui.announce(result.notice);
    } catch (err) {
      this.chat.state.error = { text: err.residentMessage || this.t('errorGeneric') };
      this.ui.changed();
      this.ui.announce(this.chat.state.error.text, { assertive: true });
    }
  }

  finish(notice) {
    this.preview = null;
    if (notice) this.chat.addNotice(notice);
    this.chat.save();
    this.ui.closeConsent();
    this.ui.changed();
    if (notice) this.ui.announce(notice);
    this.resume();
  }

  remember(handoff) {
    const previous = this.chat.state.handoff;
    this.chat.state.handoff = {
      status: handoff.status,
      route: handoff.route,
      connected: Boolean(handoff.connected),
      counsellorName: handoff.counsellor_name || '',
      after: previous ? previous.after : 0,
    };
    this.chat.save();
  }

  /** Poll while a counsellor chat is active (also after a page change). */
  resume() {
    if (this.chat.withPerson && !this.timer) {
      this.timer = setInterval(() => this.poll(), POLL_MS);
      this.poll();
    }
  }

  stopPolling() {
    clearInterval(this.timer);
    this.timer = null;
  }

  async poll() {
    const handoff = this.chat.state.handoff;
    if (!handoff || this.polling) return;
    this.polling = true;
    try {
      const data = await this.api.handoff.poll(this.chat.state.sessionId, handoff.after);
      if (this.chat.state.handoff !== handoff) return; // Wiped or restarted meanwhile.
      const spoken = [];
      for (const m of data.messages) {
        handoff.after = Math.max(handoff.after, m.id);
        if (m.sender === 'resident') continue; // Already on screen: the resident wrote it here.
        const author = m.sender === 'counsellor' ? 'person' : 'system';
        this.chat.addLive(author, m.text, m.author_name); // Our clock: the API's may differ.
        spoken.push(author === 'person' ? this.t('announceMessage', { author: m.author_name || this.t('authorPerson'), text: m.text }) : m.text);
      }
      const changed = spoken.length > 0 || handoff.connected !== data.connected
        || handoff.status !== data.status || handoff.counsellorName !== (data.counsellor_name || '');
      Object.assign(handoff, { status: data.status, connected: data.connected, counsellorName: data.counsellor_name || '' });
      this.chat.save();
      if (changed) this.ui.changed();
      if (spoken.length) this.ui.announce(spoken.join(' '));
      if (!data.connected) this.stopPolling();
    } catch (err) {
      if (err.status === 404) { // The session or handoff is gone: back to the bot.
        this.chat.state.handoff = null;
        this.stopPolling();
        this.chat.save();
        this.ui.changed();
      } // Otherwise a network hiccup: the next tick tries again.
    } finally {
      this.polling = false;
    }
  }
}
