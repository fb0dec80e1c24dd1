/*
 * Small DOM helpers. Text from the API or the resident only ever becomes text nodes; URLs in it
 * become <a> elements built here, for http(s) only. There is no innerHTML anywhere in the widget.
 */

/**
 * h('button', { className: 'rk-btn', type: 'button', attrs: { 'aria-expanded': 'false' },
 *               on: { click: fn } }, ['Label'])
 * Plain keys are set as DOM properties; strings in `children` become text nodes.
 */
export function h(tag, props = {}, children = []) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'attrs') {
      for (const [name, v] of Object.entries(value)) {
        if (name === 'style') throw new Error('inline styles break a strict CSP');
        el.setAttribute(name, v);
      }
    } else if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (key === 'innerHTML' || key === 'style') {
      throw new Error(`h(): ${key} is not allowed`);
    } else {
      el[key] = value;
    }
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/** Text only a screen reader reads (the CSS class clips it visually). */
export function srOnly(text) {
  return h('span', { className: 'rk-sr-only' }, [text]);
}

// http(s) URLs up to the next space or quote-like character.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'"]+$/;

/**
 * Text with its http(s) URLs as safe links. Line breaks stay in the text nodes and are shown by
 * `white-space: pre-line` in the CSS. Links open in a new tab so the chat stays where it is.
 */
export function linkify(text, newTabLabel) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const candidate = trimUrl(match[0]);
    const url = safeHttpUrl(candidate);
    if (!url) continue;
    fragment.append(text.slice(last, match.index));
    fragment.append(
      h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', className: 'rk-link' }, [
        candidate,
        srOnly(` ${newTabLabel}`),
      ]),
    );
    last = match.index + candidate.length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

/** Drop sentence punctuation and an unbalanced closing bracket after a URL. */
function trimUrl(raw) {
  let url = raw.replace(TRAILING_PUNCTUATION, '');
  while (url.endsWith(')') && count(url, '(') < count(url, ')')) {
    url = url.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
  }
  return url;
}

function count(text, char) {
  return text.split(char).length - 1;
}

function safeHttpUrl(candidate) {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** "14 045" -> "tel:14045", or null when it does not look like a phone number. */
export function telHref(phone) {
  const digits = String(phone || '').replace(/[\s().-]/g, '');
  return /^\+?\d{3,15}$/.test(digits) ? `tel:${digits}` : null;
}

/**
 * Make `parent`'s children exactly `nodes`, touching only what changed. Nodes that stay are not
 * removed and re-inserted, so a link or button that has keyboard focus keeps it.
 */
export function syncChildren(parent, nodes) {
  nodes.forEach((node, index) => {
    const current = parent.children[index];
    if (current !== node) parent.insertBefore(node, current || null);
  });
  while (parent.children.length > nodes.length) parent.lastElementChild.remove();
}

/** Offer `content` as a text file download. A blob: URL needs no server and no inline code. */
export function saveTextFile(parent, filename, content) {
  const safeName = String(filename).replace(/[\\/:*?"<>|]+/g, '_') || 'uitkomst.txt';
  const url = URL.createObjectURL(new Blob([content], { type: 'text/plain;charset=utf-8' }));
  const link = h('a', { href: url, download: safeName, hidden: true });
  parent.append(link); // Firefox only follows a click on a link that is in the document.
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Elements inside `root` that Tab can reach, in order. */
export function focusables(root) {
  const selector = 'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex="0"]';
  return [...root.querySelectorAll(selector)].filter((el) => !el.closest('[hidden]'));
}
