/* The editors' edit page: the B1 and placeholder check while typing (CSP: no inline scripts).
 * The page works without this file: saving runs the same checks and says why it refuses. */
(function () {
  'use strict';

  function show(result, data) {
    result.textContent = '';
    var heading = document.createElement('p');
    heading.className = data.ok ? 'ok' : 'problem';
    heading.textContent = data.ok
      ? 'Controle: de tekst is in orde.'
      : 'Controle: deze tekst wordt zo niet bewaard.';
    result.appendChild(heading);
    if (data.ok) return;
    var list = document.createElement('ul');
    data.problems.forEach(function (problem) {
      var item = document.createElement('li');
      item.appendChild(document.createTextNode(problem.message));
      if (problem.sentence) {
        item.appendChild(document.createElement('br'));
        var mark = document.createElement('mark');
        mark.textContent = problem.sentence;
        item.appendChild(mark);
      }
      list.appendChild(item);
    });
    result.appendChild(list);
  }

  function start(form) {
    var text = form.querySelector('textarea[data-check]');
    var result = document.getElementById('check-result');
    if (!text || !result) return;
    var timer = null;
    var asked = 0;
    function check() {
      var number = ++asked;
      var body = new URLSearchParams();
      body.set('csrf_token', form.querySelector('input[name=csrf_token]').value);
      body.set('id', form.querySelector('input[name=id]').value);
      body.set('text', text.value);
      fetch(text.getAttribute('data-check'), {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'fetch' }
      }).then(function (response) {
        if (response.status === 401) {
          window.location.assign('/counsellor/login');
          return null;
        }
        return response.ok ? response.json() : null;
      }).then(function (data) {
        if (data && number === asked) show(result, data);  // only the newest answer counts
      }).catch(function () { /* the check on saving still runs */ });
    }
    text.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 400);
    });
    check();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('edit-form');
    if (form) start(form);
  });
}());
