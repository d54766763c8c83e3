// Kintsugi's only script: CSRF for htmx, the browser's time zone on first login, local times.
(function () {
  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }

  // Every htmx request (live re-renders included) says which zone the browser is in: the server renders in it
  // when the profile has none yet, so a fragment never falls back to UTC while the page shows local times.
  var browserZone = (window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone) || null;
  document.addEventListener('htmx:configRequest', function (e) {
    var token = meta('_csrf'), header = meta('_csrf_header');
    if (token && header) { e.detail.headers[header] = token; }
    if (browserZone) { e.detail.headers['X-Kintsugi-Time-Zone'] = browserZone; }
  });

  // First login: adopt the browser's time zone so every page shows times in it.
  document.addEventListener('DOMContentLoaded', function () {
    if (meta('viewer-zone-unset') !== 'true') { return; }
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) { return; }
    var body = new URLSearchParams({ timeZone: zone });
    fetch('/profile/timezone', {
      method: 'POST',
      headers: { [meta('_csrf_header')]: meta('_csrf'), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body
    }).then(function (r) { if (r.ok) { window.location.reload(); } });
  });

  // Confirmations on destructive buttons: data-confirm="Are you sure?"
  document.addEventListener('submit', function (e) {
    var msg = e.target.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) { e.preventDefault(); }
  });

  // The live indicator on pages that follow an event stream.
  function live(state) {
    var el = document.getElementById('live-indicator');
    if (el) { el.setAttribute('data-live', state); }
  }
  document.addEventListener('htmx:sseOpen', function () { live('true'); });
  document.addEventListener('htmx:sseError', function () { live('false'); });

  // Freshly streamed timeline entries flash once.
  document.addEventListener('htmx:sseMessage', function (e) {
    var list = e.detail.elt;
    if (list && list.firstElementChild) { list.firstElementChild.classList.add('new-entry'); }
  });

  // Copy buttons: data-copy="<id of the input to copy>"; the input stays selectable where the clipboard is refused.
  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('[data-copy]');
    if (!b) { return; }
    var input = document.getElementById(b.getAttribute('data-copy'));
    if (!input) { return; }
    input.select();
    if (navigator.clipboard) { navigator.clipboard.writeText(input.value).catch(function () {}); }
    b.setAttribute('data-copied', 'true');
  });
})();
