// The staff application's small improvements; every page works without them.
(function () {
  // On a narrow screen the menu starts folded behind its button.
  var menu = document.getElementById('menu');
  var narrow = window.matchMedia('(max-width: 760px)').matches;
  if (menu && narrow) {
    menu.removeAttribute('open');
  }
  // On a phone the dashboard's sections fold but the first; the index opens the one
  // it leads to.
  var folds = document.querySelectorAll('details.dash-fold');
  if (narrow) {
    Array.prototype.forEach.call(folds, function (d, i) { if (i > 0) { d.removeAttribute('open'); } });
  }
  Array.prototype.forEach.call(document.querySelectorAll('.dash-toc a'), function (a) {
    a.addEventListener('click', function () {
      var s = document.querySelector(a.getAttribute('href') + ' details.dash-fold');
      if (s) { s.setAttribute('open', ''); }
    });
  });
  // A form that deletes or cannot be undone asks first, in its own words
  // (data-confirm); the record pages also ask on a page of their own.
  document.addEventListener('submit', function (e) {
    var f = e.target;
    var msg = f && f.getAttribute && f.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) {
      e.preventDefault();
    }
  }, true);
  // A date is typed as dd/mm/yyyy; beside it a calendar (the browser's own date
  // picker, a phone's wheel) fills it in the same form. The picker has no name: only
  // the typed field is sent.
  var pad = function (n) { return (n < 10 ? '0' : '') + n; };
  Array.prototype.forEach.call(document.querySelectorAll('input[data-date]'), function (t) {
    var p = document.createElement('input');
    p.type = 'date';
    p.className = 'date-picker';
    p.setAttribute('aria-label', 'Chọn trên lịch: ' + t.getAttribute('data-date'));
    var m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t.value.trim());
    if (m) { p.value = m[3] + '-' + pad(+m[2]) + '-' + pad(+m[1]); }
    p.addEventListener('change', function () {
      var d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p.value);
      if (d) { t.value = d[3] + '/' + d[2] + '/' + d[1]; }
    });
    t.parentNode.insertBefore(p, t.nextSibling);
  });
})();
