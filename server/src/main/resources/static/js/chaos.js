// Chaos pages: importing a Chaos Toolkit file into the raw editor (the server validates it when saved), and the
// run page's lease countdowns.
(function () {
  'use strict';
  document.addEventListener('change', function (e) {
    if (e.target.id !== 'experiment-file' || !e.target.files.length) { return; }
    var reader = new FileReader();
    reader.onload = function () {
      var form = e.target.form;
      form.querySelector('textarea[name=raw]').value = reader.result;
      var raw = form.querySelector('input[name=mode][value=raw]');
      if (raw) { raw.checked = true; }
    };
    reader.readAsText(e.target.files[0]);
  });
})();

// Each fault's lease as a live countdown. The page carries the seconds left by the server's clock (data-left), so
// the count is right whatever the viewer's clock says; the run body is swapped by htmx, so every tick looks again.
(function () {
  'use strict';
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function tick() {
    var els = document.querySelectorAll('.lease-countdown[data-left]');
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (!el.hasAttribute('data-until')) {
        el.setAttribute('data-until', String(Date.now() + 1000 * Number(el.getAttribute('data-left'))));
      }
      var left = Math.max(0, Math.round((Number(el.getAttribute('data-until')) - Date.now()) / 1000));
      var text = Math.floor(left / 60) + ':' + pad(left % 60);
      el.setAttribute('data-seconds', String(left));
      el.textContent = (el.getAttribute('data-label') || '{0}').replace('{0}', text);
    }
  }
  document.addEventListener('DOMContentLoaded', tick);
  document.addEventListener('htmx:afterSwap', tick);
  setInterval(tick, 1000);
})();
