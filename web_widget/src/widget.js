/*
 * Mounting the widget, and everything the resident sees, hears and does with the keyboard:
 * rendering, the live regions, open and close, focus, Escape, Enter to send.
 * The conversation itself (state, sending, errors, wipe) lives in conversation.js.
 *
 * The warm handoff (issue 5) is in handoff.js (API and polling) and consent-view.js (the
 * consent screen, shown in place of the conversation). While a counsellor chat is active the
 * header says who the resident is talking to and replies are shown in the person's colour.
 */
import { createApi } from './api.js';
import { resolveConfig } from './config.js';
import { ConsentScreen } from './consent-view.js';
import { Conversation } from './conversation.js';
import { focusables, syncChildren } from './dom.js';
import { HandoffFlow } from './handoff.js';
import { createStore } from './store.js';
import { loadStrings } from './strings.js';
import { buildSkeleton, renderError, renderItem, renderMunicipality } from './view.js';

// Same breakpoints as the CSS: there the panel covers the page, so Tab stays inside it.
const FULL_SCREEN_QUERY = '(max-width: 30em), (max-height: 30em)';
const SLOW_REPLY_MS = 1500;

export async function mountWidget(container, options, assetBase) {
  const config = resolveConfig(options, assetBase);
  const t = await loadStrings(assetBase, config.texts);
  const host = document.createElement('div');
  host.className = 'rondkomen-widget';
  // CSSOM custom properties are allowed under a strict CSP (a style attribute is not).
  for (const [name, value] of Object.entries(config.theme)) host.style.setProperty(name, value);
  // Shadow DOM keeps the municipality's site CSS out of the widget and ours out of the site.
  const shadow = host.attachShadow({ mode: 'open' });
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = new URL('rondkomen-widget.css', assetBase).href;
  const cssLoaded = new Promise((resolve) => {
    css.addEventListener('load', resolve, { once: true });
    css.addEventListener('error', resolve, { once: true });
  });
  shadow.append(css);
  container.append(host);
  await cssLoaded; // No flash of an unstyled widget.
  const widget = new Widget(shadow, config, t, createApi(config.apiBase, config.municipality));
  widget.start();
  return {
    open: () => widget.open(),
    close: () => widget.close(),
    destroy: () => host.remove(),
    element: host,
  };
}

class Widget {
  constructor(shadow, config, t, api) {
    Object.assign(this, { shadow, config, t, api });
    this.muni = { ...config.fallback, name: config.fallback.name || t('municipalityFallback') };
    this.refs = buildSkeleton(t, {
      toggle: () => (this.chat.state.open ? this.close() : this.open()),
      close: () => this.close(),
      newConversation: () => this.newConversation(),
      askWipe: () => this.showConfirm(true),
      cancelWipe: () => this.showConfirm(false),
      wipe: () => this.wipe(),
      submit: (event) => this.onSubmit(event),
      inputKeydown: (event) => this.onInputKeydown(event),
      inputChanged: () => this.chat.setDraft(this.refs.input.value),
      keydown: (event) => this.onKeydown(event),
      startHandoff: () => this.handoff.open(),
      withdraw: () => this.handoff.withdraw(),
    });
    this.consent = new ConsentScreen(t, {
      consent: (choice) => this.handoff.consent(choice),
      decline: () => this.handoff.decline(),
      remove: (itemId, index) => this.handoff.removeItem(itemId, index),
      announce: (text, opts) => this.announce(text, opts),
    }, [this.refs.toolbar, this.refs.log, this.refs.form], () => this.refs.input.focus());
    this.refs.log.before(this.consent.root);
    this.refs.root.classList.add(`rk-pos-${config.position}`);
    shadow.append(this.refs.root);
    const ui = {
      changed: () => this.render(),
      typing: (on) => this.setTyping(on),
      announce: (text, opts) => this.announce(text, opts),
      restoreText: (text) => { this.refs.input.value = text; },
      showConsent: (preview, availability) => this.consent.show(preview, availability),
      updateConsent: (preview, index) => this.consent.update(preview, index),
      consentError: (text) => this.consent.error(text),
      closeConsent: () => this.consent.close(),
      // The bot offered a person ("Ik wil iemand spreken"): show the consent screen.
      offerHandoff: () => this.handoff.open(),
    };
    this.chat = new Conversation(api, createStore(config.municipality), t, ui);
    this.handoff = new HandoffFlow(api, this.chat, t, ui);
  }

  start() {
    this.refs.input.value = this.chat.state.draft || '';
    this.renderMunicipality();
    if (this.chat.state.open) this.open({ focus: false }); // After a page change: no focus theft.
    this.handoff.resume();
    this.api.getWidgetConfig().then((muni) => {
      this.muni = {
        name: muni.name || this.muni.name,
        phone: muni.phone || this.muni.phone,
        phoneHref: muni.phone ? muni.phone_href : this.muni.phoneHref,
        privacyUrl: this.config.fallback.privacyUrl || muni.privacy_url || '',
      };
      this.renderMunicipality();
    }, (err) => {
      // A key this installation does not serve: say so instead of a chat that cannot start.
      if (err.code === 'municipality_not_found') this.showUnknownMunicipality();
      // Anything else: keep the fallbacks from the data attributes.
    });
  }

  showUnknownMunicipality() {
    this.unknownMunicipality = true;
    this.refs.input.disabled = true;
    this.refs.sendButton.disabled = true;
    this.render();
  }

  // ---- what the resident sees and hears ----------------------------------------------------

  /**
   * Bring the screen up to date with the state. Messages that did not change keep their DOM
   * element (see syncChildren), so focus on a link in an earlier message survives a new reply.
   */
  render() {
    const { state } = this.chat;
    const person = this.chat.withPerson;
    const counsellor = person && state.handoff.counsellorName;
    this.refs.status.textContent = counsellor
      ? this.t('statusPerson', { person: counsellor, name: this.muni.name })
      : this.t(person ? 'statusWaiting' : 'statusBot', { name: this.muni.name });
    this.refs.root.classList.toggle('rk-mode-person', person);
    this.refs.handoffButton.hidden = this.handoff.shared;
    this.refs.withdrawButton.hidden = !this.handoff.shared;

    const welcome = this.unknownMunicipality
      ? { id: 'unknown-municipality', author: 'system', text: this.t('municipalityUnknown'), time: state.startedAt }
      : { id: `welcome-${this.muni.name}`, author: 'bot', text: this.t('welcome', { name: this.muni.name }), time: state.startedAt };
    // Only the bot's newest buttons can be chosen: none once the resident wrote, a notice came
    // or a person took over.
    const lastOther = state.items.map((i) => i.author !== 'bot').lastIndexOf(true);
    const choose = this.chat.choicesEnabled && !this.chat.withPerson ? (button) => this.choose(button) : null;
    const cache = new Map();
    const nodes = [welcome, ...state.items].map((item, index) => {
      const onChoice = index - 1 > lastOther ? choose : null;
      const key = `${item.id}|${item.time}|${item.status || ''}|${onChoice ? 'choices' : ''}`;
      const node = (this.rendered && this.rendered.get(key)) || renderItem(item, this.t, onChoice);
      cache.set(key, node);
      return node;
    });
    this.rendered = cache;
    syncChildren(this.refs.messages, nodes);

    if (state.error !== this.shownError) {
      this.shownError = state.error;
      const retry = this.chat.failedItem() ? () => this.retry() : null;
      renderError(this.refs, this.t, state.error, this.muni, retry);
    }
    this.scrollToEnd();
  }

  renderMunicipality() {
    renderMunicipality(this.refs, this.t, this.muni);
    this.shownError = undefined; // The error block names the phone number: draw it again.
    this.render();
  }

  setTyping(on) {
    clearTimeout(this.slowTimer);
    this.refs.typing.hidden = !on;
    if (!on) return;
    const text = this.t('typingBot');
    this.refs.typing.lastChild.textContent = text;
    this.scrollToEnd();
    // Screen-reader users hear "the bot is writing" only when the reply is slow to come.
    this.slowTimer = setTimeout(() => this.announce(text), SLOW_REPLY_MS);
  }

  /** Show the newest message. In short windows the whole panel scrolls instead of the log. */
  scrollToEnd() {
    const { log, panel } = this.refs;
    log.scrollTop = log.scrollHeight;
    if (getComputedStyle(panel).overflowY === 'auto') panel.scrollTop = panel.scrollHeight;
  }

  /** Live-region announcement. Emptied first so that the same text is announced again. */
  announce(text, { assertive = false } = {}) {
    const region = assertive ? this.refs.alertRegion : this.refs.politeRegion;
    region.textContent = '';
    setTimeout(() => { region.textContent = text; }, 50);
  }

  // ---- open, close, keyboard ---------------------------------------------------------------

  open({ focus = true } = {}) {
    this.refs.panel.hidden = false;
    this.refs.root.classList.add('rk-is-open');
    this.refs.launcher.setAttribute('aria-expanded', 'true');
    this.chat.setOpen(true);
    this.scrollToEnd();
    if (focus) this.refs.input.focus();
  }

  close() {
    this.refs.panel.hidden = true;
    this.refs.root.classList.remove('rk-is-open');
    this.refs.launcher.setAttribute('aria-expanded', 'false');
    this.showConfirm(false, { focus: false });
    this.chat.setOpen(false);
    this.refs.launcher.focus();
  }

  /** Keys anywhere in the widget (panel or chat button). */
  onKeydown(event) {
    if (event.key === 'Escape' && !this.refs.panel.hidden) {
      event.preventDefault();
      if (!this.refs.confirm.hidden) this.showConfirm(false);
      else this.close();
    } else if (event.key === 'Tab' && !this.refs.panel.hidden && window.matchMedia(FULL_SCREEN_QUERY).matches) {
      const items = focusables(this.refs.panel);
      const active = this.shadow.activeElement;
      if (event.shiftKey && active === items[0]) {
        event.preventDefault();
        items[items.length - 1].focus();
      } else if (!event.shiftKey && active === items[items.length - 1]) {
        event.preventDefault();
        items[0].focus();
      }
    }
  }

  onInputKeydown(event) {
    // Enter sends, Shift+Enter is a new line; never while an input method is composing.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.sendTyped(); // Not form.requestSubmit(): older Safari versions lack it.
    }
  }

  onSubmit(event) {
    event.preventDefault();
    this.sendTyped();
  }

  sendTyped() {
    const text = this.refs.input.value.trim();
    if (!text) {
      this.announce(this.t('emptyMessage'), { assertive: true });
    } else if (this.chat.send(text, text)) {
      this.refs.input.value = '';
      this.chat.setDraft('');
    }
  }

  retry() {
    this.chat.retry();
    this.refs.input.focus(); // The retry button has just been removed from the page.
  }

  choose(button) {
    this.chat.send(button.payload, button.title);
    this.refs.input.focus(); // The chosen button has just been removed from the page.
  }

  // ---- new conversation and wipe -----------------------------------------------------------

  newConversation() {
    this.handoff.stopPolling();
    this.consent.close({ focus: false });
    this.refs.input.value = '';
    this.chat.reset({ keepStored: true });
    this.announce(this.t('newConversationDone'));
    this.refs.input.focus();
  }

  showConfirm(visible, { focus = true } = {}) {
    this.refs.confirm.hidden = !visible;
    if (focus) (visible ? this.refs.confirmYes : this.refs.wipeButton).focus();
  }

  async wipe() {
    const wiped = await this.chat.wipe();
    this.showConfirm(false, { focus: !wiped });
    if (wiped) {
      this.handoff.stopPolling();
      this.consent.close({ focus: false });
      this.refs.input.value = '';
      this.refs.input.focus();
    }
  }
}
