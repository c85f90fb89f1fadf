// The staff application's small improvements; every page works without them.
(function () {
  // On a narrow screen the menu starts folded behind its button.
  var menu = document.getElementById('menu');
  if (menu && window.matchMedia('(max-width: 760px)').matches) {
    menu.removeAttribute('open');
  }
  // A form that deletes or cannot be undone asks first, in its own words
  // (data-confirm); the record pages also ask on a page of their own.
  document.addEventListener('submit', function (e) {
    var f = e.target;
    var msg = f && f.getAttribute && f.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) {
      e.preventDefault();
    }
  }, true);
})();
