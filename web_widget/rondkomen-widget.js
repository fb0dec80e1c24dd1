/*
 * Rondkomen chat widget: the one script a municipal site includes.
 *
 *   <script src="https://chat.example.nl/widget/rondkomen-widget.js" defer
 *           data-api-base="https://chat.example.nl" data-municipality="heerlen"></script>
 *
 * or, for hosts that prefer JavaScript (include the script without data-municipality):
 *
 *   RondkomenWidget.init(document.getElementById('chat'), { municipality: 'heerlen' });
 *
 * This file is a small classic script on purpose: it reads its own <script> tag (only possible
 * while it runs synchronously), exposes the global API and then loads the ES modules in src/
 * with a dynamic import(). Every other asset is resolved relative to this file's own URL, so the
 * widget works from any path and never contacts a third party. Nothing here needs inline scripts
 * or styles, so it runs under `Content-Security-Policy: default-src 'self'`.
 */
(function () {
  'use strict';

  var existing = window.RondkomenWidget;
  if (existing && typeof existing.init === 'function') {
    return; // Included twice: keep the first copy.
  }

  var script = document.currentScript;
  // Base URL of the widget's own assets (…/widget/), taken from this script's src.
  var assetBase = new URL('./', script && script.src ? script.src : document.baseURI).href;

  /**
   * Mount a widget. `container` is the element the widget's host element is appended to
   * (default: document.body); `options` is described in src/config.js. Returns a promise of a
   * controller with open(), close() and destroy().
   */
  function init(container, options) {
    return import(new URL('src/widget.js', assetBase).href).then(function (mod) {
      return mod.mountWidget(container || document.body, options || {}, assetBase);
    });
  }

  window.RondkomenWidget = { init: init, assetBase: assetBase };

  // Auto-start only when the tag carries the configuration; otherwise the host calls init().
  if (script && script.hasAttribute('data-municipality')) {
    var dataset = script.dataset;
    var start = function () {
      init(document.body, { dataset: dataset }).catch(function (err) {
        // The host page must keep working even if the widget cannot start.
        console.error('[rondkomen] widget could not start:', err);
      });
    };
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', start, { once: true });
    } else {
      start();
    }
  }
})();
