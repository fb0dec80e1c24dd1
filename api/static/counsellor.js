/* Live updates of the counsellor pages, without inline scripts (CSP: default-src 'self').
 * The pages work without this file; it only refreshes the queue, polls the live chat and
 * sends chat messages without reloading the page. */
(function () {
  'use strict';

  var HEADERS = { 'X-Requested-With': 'fetch' };
  var SENDER = { resident: 'Inwoner', counsellor: 'Medewerker', system: 'Melding', bot: 'Chatbot' };

  function loginExpired(response) {
    if (response.status === 401) {
      window.location.assign('/counsellor/login');
      return true;
    }
    return false;
  }

  function every(ms, task) {
    function tick() {
      task().catch(function () { /* network hiccup: try again next time */ })
        .then(function () { window.setTimeout(tick, ms); });
    }
    window.setTimeout(tick, ms);
  }

  function startQueue(rows) {
    var last = rows.innerHTML;
    var count = document.getElementById('queue-count');
    every(Number(rows.getAttribute('data-interval')) || 4000, function () {
      return fetch(rows.getAttribute('data-poll-queue'), {
        headers: HEADERS, credentials: 'same-origin', cache: 'no-store'
      }).then(function (response) {
        if (loginExpired(response) || !response.ok) return null;
        return response.text().then(function (html) {
          if (html === last) return;
          // Only replace when something changed, so keyboard focus is not lost for nothing.
          rows.innerHTML = html;
          last = html;
          if (count) {
            count.textContent = '(' + rows.querySelectorAll('tr[data-handoff]').length + ' wachtend)';
          }
        });
      });
    });
  }

  function appendMessage(list, message) {
    var item = document.createElement('li');
    item.className = 'msg msg-' + message.sender;
    var who = document.createElement('span');
    who.className = 'sender';
    who.textContent = (message.author_name || SENDER[message.sender] || '') + ':';
    item.appendChild(who);
    item.appendChild(document.createTextNode(' ' + message.text));
    list.appendChild(item);
  }

  function startLive(list) {
    var statusEl = document.getElementById('status');
    var status = statusEl ? statusEl.getAttribute('data-status') : null;
    function poll() {
      var url = list.getAttribute('data-poll-live') + '?after=' + list.getAttribute('data-after');
      return fetch(url, { headers: HEADERS, credentials: 'same-origin', cache: 'no-store' })
        .then(function (response) {
          if (loginExpired(response) || !response.ok) return null;
          return response.json().then(function (body) {
            body.messages.forEach(function (message) {
              appendMessage(list, message);
              list.setAttribute('data-after', String(message.id));
            });
            if (status && body.status !== status) {
              // Withdrawn, closed or released elsewhere: show the page as it is now.
              window.location.reload();
            }
          });
        });
    }
    every(Number(list.getAttribute('data-interval')) || 2000, poll);
    return poll;
  }

  function enhanceSend(form, pollNow) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var field = form.querySelector('textarea');
      if (!field.value.trim()) return;
      fetch(form.getAttribute('action'), {
        method: 'POST', headers: HEADERS, credentials: 'same-origin', body: new FormData(form)
      }).then(function (response) {
        if (loginExpired(response)) return;
        if (response.ok) {
          field.value = '';
          field.focus();
          if (pollNow) pollNow();
        } else {
          window.location.reload();
        }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var rows = document.querySelector('[data-poll-queue]');
    if (rows) startQueue(rows);
    var list = document.querySelector('[data-poll-live]');
    var pollNow = list ? startLive(list) : null;
    var form = document.querySelector('form[data-send]');
    if (form) enhanceSend(form, pollNow);
  });
}());
