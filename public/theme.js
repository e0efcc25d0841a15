// Runs before first paint: marks the page as scripted and applies a saved theme choice.
(function () {
  var d = document.documentElement;
  d.classList.add('js');
  try {
    var q = new URLSearchParams(location.search).get('theme');
    var t = q === 'light' || q === 'dark' ? q : localStorage.getItem('theme');
    if (t === 'light' || t === 'dark') d.setAttribute('data-theme', t);
  } catch (e) {}
})();
