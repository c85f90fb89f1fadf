// On a narrow screen the menu starts folded behind its button; without JavaScript it
// stays open, which still works.
(function () {
  var menu = document.getElementById('menu');
  if (menu && window.matchMedia('(max-width: 760px)').matches) {
    menu.removeAttribute('open');
  }
})();
