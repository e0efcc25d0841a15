/* The Token Flip: sizes embedded charts (iframe[data-tokenflip-embed]) to their content.
   Trusts a message only from the frame's own window and origin, of the expected shape. ES5. */
(function (w, d) {
  'use strict';
  if (w.tokenflipEmbed) return;
  w.tokenflipEmbed = 1;
  var ATTR = 'data-tokenflip-embed';

  function origin(src) {
    try {
      return new URL(src, d.baseURI).origin;
    } catch (e) {
      return null;
    }
  }

  function frames() {
    return d.querySelectorAll('iframe[' + ATTR + ']');
  }

  function ping(f) {
    var o = origin(f.src);
    try {
      if (o && f.contentWindow) f.contentWindow.postMessage({ type: 'tokenflip:embed-ping', version: 1 }, o);
    } catch (e) {}
  }

  w.addEventListener('message', function (e) {
    var m = e.data, fs = frames(), f, h, i;
    if (!m || typeof m !== 'object' || m.type !== 'tokenflip:embed-height' || m.version !== 1) return;
    for (i = 0; i < fs.length; i++) if (fs[i].contentWindow === e.source) f = fs[i];
    if (!f || e.origin !== origin(f.src) || m.chart !== f.getAttribute(ATTR)) return;
    h = m.height;
    if (typeof h !== 'number' || !isFinite(h) || h < 50 || h > 20000) return;
    f.style.height = Math.ceil(h) + 'px';
    f.setAttribute('height', Math.ceil(h));
  });

  /* Frames that reported before this script ran: ask them again. */
  function init() {
    var fs = frames(), i;
    for (i = 0; i < fs.length; i++) {
      ping(fs[i]);
      if (!fs[i][ATTR]) {
        fs[i][ATTR] = 1;
        fs[i].addEventListener('load', function () { ping(this); });
      }
    }
  }
  init();
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', init);
})(window, document);
