/*
 * The conversation: its state (kept by store.js), sending through the API, errors and retry,
 * "Nieuw gesprek", "Wis dit gesprek", and who the resident is talking to. No DOM here: widget.js
 * passes `ui` callbacks and decides what the resident sees, hears and where focus goes.
 *
 *   ui.changed()                 the state changed: render it
 *   ui.typing(on)                a reply is (no longer) on its way
 *   ui.announce(text, options)   say this through a live region ({ assertive: true } for errors)
 *   ui.restoreText(text)         give rejected text back to the text box
 */
import { emptyState } from './store.js';

export class Conversation {
  constructor(api, store, t, ui) {
    Object.assign(this, { api, store, t, ui });
    this.busy = false;
    this.generation = 0; // Bumped by reset(): late replies for an old conversation are dropped.
    this.state = store.load();
    for (const item of this.state.items) {
      // The page changed while a message was on its way: we cannot know whether it arrived.
      if (item.status === 'sending') {
        item.status = 'failed';
        this.state.error = { text: t('errorUnknownDelivery') };
      }
    }
    if (!this.state.startedAt) this.state.startedAt = now();
  }

  save() {
    this.store.save(this.state);
  }

  setOpen(open) {
    this.state.open = open;
    this.save();
  }

  setDraft(text) {
    this.state.draft = text;
    this.save();
  }

  /** Quick replies can be chosen only when nothing is on its way and nothing failed. */
  get choicesEnabled() {
    return !this.busy && !this.state.error;
  }

  failedItem() {
    return this.state.items.find((item) => item.status === 'failed') || null;
  }

  retry() {
    const item = this.failedItem();
    if (item) this.send(item.payload || item.text, item.text, item);
  }

  /**
   * Send `text` (what the resident typed, or a button's payload); the transcript shows `display`
   * (the button's title). Returns false when another message is still on its way, so the caller
   * keeps the text.
   */
  send(text, display, existing = null) {
    if (this.busy) {
      this.ui.announce(this.t('stillSending'), { assertive: true });
      return false;
    }
    const item = existing || { id: newId(), author: 'resident', text: display, time: now() };
    if (text !== display) item.payload = text;
    item.status = 'sending';
    if (!existing) this.state.items.push(item);
    this.state.error = null;
    this.busy = true;
    this.save();
    this.ui.changed();
    // With a counsellor the bot is silent: their answer comes through the handoff poll.
    if (!this.withPerson) this.ui.typing(true);
    this.deliver(text, item, this.generation);
    return true;
  }

  /** True while messages go to a counsellor instead of the bot (see handoff.js). */
  get withPerson() {
    return Boolean(this.state.handoff && this.state.handoff.connected);
  }

  async deliver(text, item, generation) {
    let result = null;
    let failure = null;
    try {
      result = await this.postToSession(text);
    } catch (err) {
      failure = err;
    }
    const replies = result ? result.messages : [];
    if (generation !== this.generation) return; // The resident started over meanwhile.
    this.busy = false;
    this.ui.typing(false);
    if (failure && failure.status === 422) {
      // Rejected input (too long, say): nothing was sent, so give the text back to edit.
      this.state.items = this.state.items.filter((i) => i !== item);
      if (!item.payload) this.ui.restoreText(item.text);
      this.state.error = { text: failure.residentMessage || this.t('errorGeneric') };
    } else if (failure) {
      item.status = 'failed'; // Kept, with a retry button: the resident's text is never lost.
      this.state.error = { text: this.errorText(failure) };
    } else if (result.conversationDeleted) {
      // The resident asked the bot to wipe everything: forget it here too, keep only the reply.
      this.reset({ keepStored: false });
      for (const reply of replies) this.state.items.push({ id: newId(), time: now(), ...reply });
      this.ui.changed();
      this.ui.announce(this.describeReplies(replies));
      return;
    } else {
      delete item.status;
      for (const reply of replies) this.state.items.push({ id: newId(), time: now(), ...reply });
    }
    this.save();
    this.ui.changed();
    if (failure) this.ui.announce(this.state.error.text, { assertive: true });
    else if (replies.length) this.ui.announce(this.describeReplies(replies));
    if (result && result.handoffOffer && this.ui.offerHandoff) this.ui.offerHandoff();
  }

  /** The API session, created on first use. */
  async ensureSession() {
    if (!this.state.sessionId) {
      this.state.sessionId = await this.api.createSession();
      this.save();
    }
    return this.state.sessionId;
  }

  /** Send on the session; on 404 (expired or deleted) start a new one, once. */
  async postToSession(text) {
    await this.ensureSession();
    try {
      return await this.api.sendMessage(this.state.sessionId, text);
    } catch (err) {
      if (err.status !== 404) throw err;
      this.state.sessionId = await this.api.createSession();
      this.state.handoff = null; // It belonged to the old session.
      this.addNotice(this.t('sessionRestarted'));
      return this.api.sendMessage(this.state.sessionId, text);
    }
  }

  errorText(err) {
    if (err.isNetwork) return navigator.onLine === false ? this.t('errorOffline') : this.t('errorGeneric');
    return err.residentMessage || this.t('errorGeneric');
  }

  /** "Chatbot: <text>" for each reply, plus a hint when there are buttons to choose from. */
  describeReplies(replies) {
    const text = replies
      .filter((r) => r.text.trim())
      .map((r) => this.t('announceMessage', { author: this.t('authorBot'), text: r.text }))
      .join(' ');
    return replies.some((r) => r.buttons.length) ? `${text} ${this.t('buttonsAvailable')}` : text;
  }

  /**
   * Forget the conversation in this browser. `keepStored: false` (after a wipe) leaves nothing in
   * sessionStorage at all, not even that the panel was open.
   */
  reset({ keepStored }) {
    this.generation += 1;
    this.busy = false;
    this.ui.typing(false);
    this.state = { ...emptyState(), open: this.state.open, startedAt: now() };
    if (keepStored) this.save();
    else this.store.clear();
    this.ui.changed();
  }

  /** Delete the conversation on the server, then here. Returns false (state kept) on failure. */
  async wipe() {
    if (this.state.sessionId) {
      try {
        await this.api.deleteSession(this.state.sessionId);
      } catch (err) {
        this.state.error = { text: err.residentMessage || this.t('wipeFailed') };
        this.ui.changed();
        this.ui.announce(this.state.error.text, { assertive: true });
        return false;
      }
    }
    this.reset({ keepStored: false });
    this.ui.announce(this.t('wipeDone'));
    return true;
  }

  /** A line from the system (not the bot, not a person), kept in the transcript. */
  addNotice(text) {
    this.state.items.push({ id: newId(), author: 'system', text, time: now() });
    this.save();
  }

  /** A message of the live chat with a counsellor ("person") or about it ("system"). */
  addLive(author, text, authorName) {
    this.state.items.push({ id: newId(), author, authorName: authorName || '', text, time: now() });
    this.save();
  }
}

function now() {
  return new Date().toISOString();
}

function newId() {
  return `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
