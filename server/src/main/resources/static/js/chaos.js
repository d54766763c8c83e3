// Chaos pages: importing a Chaos Toolkit file into the raw editor (the server validates it when saved).
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
