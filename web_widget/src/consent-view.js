/*
 * The consent screen of the warm handoff (issue 5): what would be shared, item by item, with a
 * button to remove each; the resident's own question; how they want contact; "Ja, deel dit" or
 * "Nee, niet delen". It replaces the conversation inside the panel while it is open.
 * The screen and its focus handling live here; handoff.js talks to the API.
 */
import { h } from './dom.js';

const ROUTES = ['chat', 'callback', 'reference'];
const TIMES = { asap: 'timeAsap', morning: 'timeMorning', afternoon: 'timeAfternoon' };

/**
 * actions: { consent({route, question, phone, preferredTime}), decline(), remove(itemId, index),
 *            announce(text, options) }
 * conversationParts: the elements the screen hides while it is shown; `afterClose` puts focus back.
 */
export class ConsentScreen {
  constructor(t, actions, conversationParts, afterClose) {
    Object.assign(this, { t, actions, conversationParts, afterClose });
    this.refs = buildConsentView(t, { consent: () => this.submit(), decline: () => actions.decline() });
    this.root = this.refs.root;
  }

  show(preview, availability) {
    renderConsent(this.refs, this.t, preview, availability, this.actions.remove);
    resetConsentForm(this.refs, preview, availability);
    this.toggle(true);
    this.refs.heading.focus();
  }

  /** After removing an item, focus goes to the item now in its place (or the heading). */
  update(preview, index) {
    const count = renderConsent(this.refs, this.t, preview, null, this.actions.remove);
    showConsentError(this.refs, '');
    const buttons = this.refs.items.querySelectorAll('button');
    (count ? buttons[Math.min(index, count - 1)] : this.refs.heading).focus();
  }

  error(text) {
    showConsentError(this.refs, text);
    this.actions.announce(text, { assertive: true });
  }

  close({ focus = true } = {}) {
    if (this.root.hidden) return;
    this.toggle(false);
    if (focus) this.afterClose();
  }

  toggle(visible) {
    this.root.hidden = !visible;
    for (const part of this.conversationParts) part.hidden = visible;
  }

  submit() {
    const route = chosenRoute(this.refs);
    if (!route) {
      this.error(this.t('consentChooseRoute'));
      return;
    }
    this.actions.consent({
      route,
      question: this.refs.question.value.trim(),
      phone: this.refs.phone.value.trim(),
      preferredTime: this.refs.time.value,
    });
  }
}

function buildConsentView(t, handlers) {
  const refs = { radios: {}, routeRows: {} };
  refs.heading = h('h3', { id: 'rk-consent-title', className: 'rk-consent__title', tabIndex: -1 }, [t('consentTitle')]);
  refs.items = h('ul', { className: 'rk-consent__items', attrs: { 'aria-labelledby': 'rk-consent-title' } });
  refs.empty = h('p', { className: 'rk-consent__empty', hidden: true }, [t('consentNothing')]);

  refs.question = h('textarea', {
    id: 'rk-question', className: 'rk-input', rows: 2, maxLength: 300,
    attrs: { 'aria-describedby': 'rk-question-hint' },
  });
  const question = h('div', { className: 'rk-field' }, [
    h('label', { htmlFor: 'rk-question', className: 'rk-field__label' }, [t('consentQuestionLabel')]),
    h('p', { id: 'rk-question-hint', className: 'rk-field__hint' }, [t('consentQuestionHint')]),
    refs.question,
  ]);

  const routeRow = (route, label) => {
    refs.radios[route] = h('input', {
      type: 'radio', name: 'rk-route', value: route, id: `rk-route-${route}`,
      on: { change: () => showCallbackFields(refs) },
    });
    refs.routeRows[route] = h('div', { className: 'rk-choice-row' }, [
      refs.radios[route],
      h('label', { htmlFor: `rk-route-${route}` }, [label]),
    ]);
    return refs.routeRows[route];
  };
  refs.chatUnavailable = h('p', { className: 'rk-field__hint', hidden: true }, [t('routeChatUnavailable')]);
  refs.phone = h('input', {
    type: 'tel', id: 'rk-phone', className: 'rk-text', autocomplete: 'tel', maxLength: 32,
    attrs: { 'aria-describedby': 'rk-phone-hint' },
  });
  refs.time = h('select', { id: 'rk-time', className: 'rk-text' },
    Object.entries(TIMES).map(([value, key]) => h('option', { value }, [t(key)])));
  refs.callbackFields = h('div', { className: 'rk-callback', hidden: true }, [
    h('div', { className: 'rk-field' }, [
      h('label', { htmlFor: 'rk-phone', className: 'rk-field__label' }, [t('consentPhoneLabel')]),
      h('p', { id: 'rk-phone-hint', className: 'rk-field__hint' }, [t('consentPhoneHint')]),
      refs.phone,
    ]),
    h('div', { className: 'rk-field' }, [
      h('label', { htmlFor: 'rk-time', className: 'rk-field__label' }, [t('consentTimeLabel')]),
      refs.time,
    ]),
  ]);
  const routes = h('fieldset', { className: 'rk-routes' }, [
    h('legend', { className: 'rk-field__label' }, [t('consentRouteLegend')]),
    routeRow('chat', t('routeChat')),
    refs.chatUnavailable,
    routeRow('callback', t('routeCallback')),
    refs.callbackFields,
    routeRow('reference', t('routeReference')),
  ]);

  refs.error = h('p', { className: 'rk-consent__error', hidden: true });
  refs.yes = h('button', { type: 'button', className: 'rk-btn', on: { click: handlers.consent } }, [t('consentYes')]);
  refs.no = h('button', { type: 'button', className: 'rk-btn rk-btn--secondary', on: { click: handlers.decline } }, [t('consentNo')]);

  refs.root = h('section', { className: 'rk-consent', hidden: true, attrs: { 'aria-labelledby': 'rk-consent-title' } }, [
    refs.heading,
    h('p', { className: 'rk-consent__intro' }, [t('consentIntro')]),
    refs.items,
    refs.empty,
    question,
    routes,
    refs.error,
    h('div', { className: 'rk-consent__actions' }, [refs.yes, refs.no]),
  ]);
  return refs;
}

/** Fill the screen from the API's preview and availability. `onRemove(itemId, index)`. */
function renderConsent(refs, t, preview, availability, onRemove) {
  const items = preview.items.filter((item) => item.kind !== 'question'); // edited in the field
  refs.items.replaceChildren(...items.map((item, index) => h('li', { className: 'rk-consent__item' }, [
    h('span', { className: 'rk-consent__label' }, [item.label]),
    h('button', {
      type: 'button', className: 'rk-btn rk-btn--secondary rk-btn--small',
      attrs: { 'aria-label': t('consentRemoveLabel', { item: item.label }) },
      on: { click: () => onRemove(item.id, index) },
    }, [t('consentRemove')]),
  ])));
  refs.items.hidden = items.length === 0;
  refs.empty.hidden = items.length > 0;
  if (availability) {
    // Offer only what is possible now; chat needs office hours and a counsellor online.
    refs.routeRows.chat.hidden = !availability.chat;
    refs.chatUnavailable.hidden = Boolean(availability.chat);
    refs.routeRows.callback.hidden = availability.callback === false;
    refs.routeRows.reference.hidden = availability.reference === false;
  }
  return items.length;
}

/** Reset the form fields for a fresh consent screen. */
function resetConsentForm(refs, preview, availability) {
  refs.question.value = preview.question || '';
  refs.phone.value = '';
  refs.time.value = 'asap';
  for (const route of ROUTES) refs.radios[route].checked = false;
  if (availability && availability.chat) refs.radios.chat.checked = true;
  showCallbackFields(refs);
  showConsentError(refs, '');
}

function chosenRoute(refs) {
  return ROUTES.find((route) => refs.radios[route].checked && !refs.routeRows[route].hidden) || null;
}

function showConsentError(refs, text) {
  refs.error.textContent = text;
  refs.error.hidden = !text;
}

function showCallbackFields(refs) {
  refs.callbackFields.hidden = !refs.radios.callback.checked;
}
