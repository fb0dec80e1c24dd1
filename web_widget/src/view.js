/*
 * The widget's DOM: the panel skeleton (built once) and the pieces that change (messages,
 * choices, typing indicator, error block). No state lives here; widget.js decides what to show.
 */
import { h, linkify, saveTextFile, srOnly, telHref } from './dom.js';

const TIME_FORMAT = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' });

/** Build the launcher and the (hidden) panel. Returns references to the parts widget.js uses. */
export function buildSkeleton(t, handlers) {
  const refs = {};
  refs.politeRegion = h('div', { className: 'rk-sr-only', attrs: { role: 'status', 'aria-live': 'polite' } });
  refs.alertRegion = h('div', { className: 'rk-sr-only', attrs: { role: 'alert', 'aria-live': 'assertive' } });

  refs.title = h('h2', { id: 'rk-title', className: 'rk-title' }, [t('panelTitle')]);
  refs.status = h('p', { id: 'rk-status', className: 'rk-status' });
  refs.closeButton = h('button', {
    type: 'button', className: 'rk-close', attrs: { 'aria-label': t('closeLabel') }, on: { click: handlers.close },
  }, [h('span', { className: 'rk-close__icon', attrs: { 'aria-hidden': 'true' } }, ['×']), t('close')]);
  const header = h('div', { className: 'rk-header' }, [
    h('div', { className: 'rk-heading' }, [refs.title, refs.status]),
    refs.closeButton,
  ]);

  refs.newButton = h('button', { type: 'button', className: 'rk-tool', on: { click: handlers.newConversation } },
    [t('newConversation')]);
  refs.wipeButton = h('button', { type: 'button', className: 'rk-tool', on: { click: handlers.askWipe } },
    [t('wipeConversation')]);
  refs.handoffButton = h('button', { type: 'button', className: 'rk-tool', on: { click: handlers.startHandoff } },
    [t('handoffStart')]);
  refs.withdrawButton = h('button', { type: 'button', className: 'rk-tool', hidden: true, on: { click: handlers.withdraw } },
    [t('handoffWithdraw')]);
  refs.toolbar = h('div', { className: 'rk-toolbar' },
    [refs.handoffButton, refs.withdrawButton, refs.newButton, refs.wipeButton]);

  refs.confirmYes = h('button', { type: 'button', className: 'rk-btn rk-btn--danger', on: { click: handlers.wipe } },
    [t('wipeConfirmYes')]);
  refs.confirmNo = h('button', { type: 'button', className: 'rk-btn rk-btn--secondary', on: { click: handlers.cancelWipe } },
    [t('wipeConfirmNo')]);
  refs.confirm = h('div', { className: 'rk-confirm', hidden: true, attrs: { role: 'group', 'aria-labelledby': 'rk-confirm-q' } }, [
    h('p', { id: 'rk-confirm-q', className: 'rk-confirm__question' }, [t('wipeConfirmQuestion')]),
    h('div', { className: 'rk-confirm__actions' }, [refs.confirmYes, refs.confirmNo]),
  ]);

  refs.messages = h('ol', { className: 'rk-messages' });
  refs.typing = h('div', { className: 'rk-typing', hidden: true }, [
    h('span', { className: 'rk-typing__dots', attrs: { 'aria-hidden': 'true' } }, [h('span'), h('span'), h('span')]),
    h('span', { className: 'rk-typing__text' }),
  ]);
  refs.error = h('div', { className: 'rk-error', hidden: true });
  // The log scrolls on its own, so it must be reachable by keyboard (tabindex) and named.
  refs.log = h('div', { className: 'rk-log', tabIndex: 0, attrs: { role: 'region', 'aria-label': t('conversationLabel') } },
    [refs.messages, refs.typing, refs.error]);

  refs.input = h('textarea', {
    id: 'rk-input', className: 'rk-input', rows: 2, maxLength: 2000, placeholder: t('inputPlaceholder'),
    attrs: { 'aria-describedby': 'rk-hint', autocomplete: 'off' },
    on: { keydown: handlers.inputKeydown, input: handlers.inputChanged },
  });
  refs.sendButton = h('button', { type: 'submit', className: 'rk-btn rk-send' }, [t('send')]);
  refs.form = h('form', { className: 'rk-composer', noValidate: true, on: { submit: handlers.submit } }, [
    h('label', { htmlFor: 'rk-input', className: 'rk-sr-only' }, [t('inputLabel')]),
    refs.input,
    h('span', { id: 'rk-hint', className: 'rk-sr-only' }, [t('inputHint')]),
    refs.sendButton,
  ]);

  refs.privacyLink = h('a', { className: 'rk-link', href: '#' }, [t('privacyLink')]);
  refs.phoneLine = h('p', { className: 'rk-footer__phone' });
  const footer = h('div', { className: 'rk-footer' }, [
    h('p', {}, [`${t('anonymous')} `, refs.privacyLink]),
    refs.phoneLine,
  ]);

  refs.panel = h('div', {
    id: 'rk-panel', className: 'rk-panel', hidden: true,
    attrs: { role: 'dialog', 'aria-labelledby': 'rk-title', 'aria-describedby': 'rk-status' },
  }, [header, refs.toolbar, refs.confirm, refs.log, refs.form, footer]);

  refs.launcher = h('button', {
    type: 'button', className: 'rk-launcher', attrs: { 'aria-expanded': 'false', 'aria-controls': 'rk-panel' },
    on: { click: handlers.toggle },
  }, [h('span', { className: 'rk-launcher__icon', attrs: { 'aria-hidden': 'true' } }), t('launcherLabel')]);

  // lang: the widget is Dutch even on a page in another language.
  refs.root = h('aside', {
    className: 'rk-root', lang: 'nl', attrs: { 'aria-label': t('regionLabel') }, on: { keydown: handlers.keydown },
  }, [refs.politeRegion, refs.alertRegion, refs.panel, refs.launcher]);
  return refs;
}

/** Fill in what comes from the municipality's configuration. */
export function renderMunicipality(refs, t, muni) {
  refs.privacyLink.href = muni.privacyUrl || '#';
  refs.privacyLink.hidden = !muni.privacyUrl;
  refs.phoneLine.replaceChildren(...phoneHelp(t, muni));
  refs.phoneLine.hidden = !muni.phone;
}

/** "Liever iemand spreken? Bel Gemeente Heerlen: 14 045." with the number as a tel: link. */
export function phoneHelp(t, muni) {
  if (!muni.phone) return [];
  const sentence = muni.name ? t('phoneHelp', { name: muni.name, phone: '\u0000' }) : t('phoneHelpNoName', { phone: '\u0000' });
  const [before, after = ''] = sentence.split('\u0000');
  const href = /^tel:\+?[\d-]+$/.test(muni.phoneHref || '') ? muni.phoneHref : telHref(muni.phone);
  const number = href
    ? h('a', { className: 'rk-link rk-phone', href, attrs: { 'aria-label': t('phoneLabel', { phone: muni.phone }) } }, [muni.phone])
    : muni.phone;
  return [before, number, after];
}

/** One message as a list item. `onChoice` is given only for the newest bot turn's buttons. */
export function renderItem(item, t, onChoice) {
  const time = new Date(item.time);
  const author = authorLabel(item, t);
  // Screen readers hear who wrote it and when ("Chatbot om 14:32:"); sighted readers see the layout.
  const meta = srOnly(`${t('writtenAt', { author, time: TIME_FORMAT.format(time) })} `);
  const li = h('li', { className: `rk-msg rk-msg--${item.author}`, attrs: { 'data-id': item.id } });
  if (item.author === 'person') {
    // A person is clearly not the bot: visible name, other colour (CSS), own label.
    li.append(h('p', { className: 'rk-msg__author', attrs: { 'aria-hidden': 'true' } }, [author]));
  }
  if (item.text.trim()) {
    li.append(h('div', { className: 'rk-bubble' }, [meta, linkify(item.text, t('linkNewTab'))]));
  } else {
    li.append(meta);
  }
  if (item.download) {
    // A text file made by the bot (e.g. the outcome of the benefits check), saved on the device.
    const { filename, content } = item.download;
    li.append(h('button', {
      type: 'button', className: 'rk-btn rk-btn--secondary rk-download',
      on: { click: () => saveTextFile(li, filename, content) },
    }, [t('downloadButton')]));
  }
  if (item.status === 'failed') {
    li.append(h('p', { className: 'rk-msg__status' }, [t('notSent')]));
  }
  if (onChoice && item.buttons && item.buttons.length) {
    li.append(h('div', { className: 'rk-choices', attrs: { role: 'group', 'aria-label': t('buttonsLabel') } },
      item.buttons.map((button) => h('button', {
        type: 'button', className: 'rk-btn rk-choice', on: { click: () => onChoice(button) },
      }, [button.title]))));
  }
  return li;
}

export function authorLabel(item, t) {
  switch (item.author) {
    case 'resident': return t('authorResident');
    case 'person': return item.authorName ? `${item.authorName} (${t('authorPerson').toLowerCase()})` : t('authorPerson');
    case 'system': return t('authorSystem');
    default: return t('authorBot');
  }
}

/** The error block under a failed message: what went wrong, the phone number, a retry button. */
export function renderError(refs, t, error, muni, onRetry) {
  refs.error.hidden = !error;
  if (!error) {
    refs.error.replaceChildren();
    return;
  }
  const parts = [h('p', { className: 'rk-error__text' }, [error.text])];
  // The API's 503 message already names the phone number; otherwise add it ourselves.
  if (muni.phone && !error.text.includes(muni.phone)) {
    parts.push(h('p', { className: 'rk-error__phone' }, phoneHelp(t, muni)));
  }
  if (onRetry) {
    parts.push(h('button', { type: 'button', className: 'rk-btn rk-retry', on: { click: onRetry } }, [t('retry')]));
  }
  refs.error.replaceChildren(...parts);
}
