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
  // A person box (input[data-picker] with a datalist) lists as you type the people
  // whose name holds the typed words, with or without diacritics ("nguyen thi"
  // finds "Nguyễn Thị …"), each with birth year and unit; without the script the
  // browser's own list and the server's lookup of a typed name still work.
  var fold = function (s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
  };
  Array.prototype.forEach.call(document.querySelectorAll('input[data-picker]'), function (box) {
    var dl = document.getElementById(box.getAttribute('list'));
    if (!dl) { return; }
    var people = Array.prototype.map.call(dl.options, function (o) {
      return { value: o.value, words: fold(o.value + ' ' + (o.label || '')).split(' ') };
    });
    var list = document.createElement('ul');
    list.id = box.id + '-list';
    list.className = 'picker-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Gợi ý');
    list.hidden = true;
    box.removeAttribute('list'); // this list replaces the browser's
    box.setAttribute('role', 'combobox');
    box.setAttribute('aria-autocomplete', 'list');
    box.setAttribute('aria-controls', list.id);
    box.setAttribute('aria-expanded', 'false');
    box.parentNode.insertBefore(list, box.nextSibling);
    var active = -1;
    var close = function () {
      list.hidden = true;
      box.setAttribute('aria-expanded', 'false');
      box.removeAttribute('aria-activedescendant');
      active = -1;
    };
    var choose = function (li) { box.value = li.textContent; close(); };
    var mark = function (i) {
      var items = list.children;
      if (!items.length) { return; }
      active = (i + items.length) % items.length;
      Array.prototype.forEach.call(items, function (li, j) { li.setAttribute('aria-selected', j === active ? 'true' : 'false'); });
      box.setAttribute('aria-activedescendant', items[active].id);
    };
    box.addEventListener('input', function () {
      var q = fold(box.value).split(' ').filter(Boolean);
      list.textContent = '';
      if (!q.length) { close(); return; }
      var found = people.filter(function (p) {
        var i = 0;
        return q.every(function (w) {
          while (i < p.words.length && p.words[i].indexOf(w) !== 0) { i++; }
          return i++ < p.words.length;
        });
      }).slice(0, 8);
      found.forEach(function (p, j) {
        var li = document.createElement('li');
        li.id = list.id + '-' + j;
        li.setAttribute('role', 'option');
        li.textContent = p.value;
        li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(li); });
        list.appendChild(li);
      });
      active = -1;
      list.hidden = !found.length;
      box.setAttribute('aria-expanded', found.length ? 'true' : 'false');
    });
    box.addEventListener('keydown', function (e) {
      if (list.hidden) { return; }
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        mark(active + (e.key === 'ArrowDown' ? 1 : -1));
      } else if (e.key === 'Enter' && active >= 0) {
        e.preventDefault();
        choose(list.children[active]);
      } else if (e.key === 'Escape') {
        close();
      }
    });
    box.addEventListener('blur', close);
  });
})();
