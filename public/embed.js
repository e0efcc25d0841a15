/* The Token Flip: sizes embedded charts (iframe[data-tokenflip-embed]) to their content. It only
   listens: a frame that has loaded our page says its height, and the answer goes back to that
   window alone, so nothing is ever posted to a frame still blank or elsewhere. A message counts
   only from the frame's own window and origin ("null" for a frame sandboxed without
   allow-same-origin), of the expected shape. ES5. */
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

  w.addEventListener('message', function (e) {
    var m = e.data, fs = d.querySelectorAll('iframe[' + ATTR + ']'), f, h, i, opaque;
    if (!m || typeof m !== 'object' || m.type !== 'tokenflip:embed-height' || m.version !== 1) return;
    for (i = 0; i < fs.length; i++) if (fs[i].contentWindow === e.source) f = fs[i];
    if (!f || m.chart !== f.getAttribute(ATTR)) return;
    opaque = f.hasAttribute('sandbox') && !f.sandbox.contains('allow-same-origin');
    if (e.origin !== (opaque ? 'null' : origin(f.src))) return;
    h = m.height;
    if (typeof h !== 'number' || !isFinite(h) || h < 50 || h > 20000) return;
    f.style.height = Math.ceil(h) + 'px';
    f.setAttribute('height', Math.ceil(h));
    /* The frame may now show what needs room (notes, sources, data). */
    e.source.postMessage({ type: 'tokenflip:embed-sized', version: 1, chart: m.chart }, opaque ? '*' : e.origin);
  });
})(window, document);
