// Point require.js at the widget scripts this book serves itself (_static/npm), so the
// @jupyter-widgets/html-manager never falls back to a CDN and finds its icon fonts.
// Loaded after require.js and before embed-amd.js by widget-loader.js, on a page with a widget
// that is not an anywidget. Module URIs resolve against baseUrl, which is
// where html-manager looks for its fonts, so the build copies them to those folders.
(function () {
  var here = document.currentScript && document.currentScript.src;
  var base = (here ? here.replace(/[^/]*$/, "") : "_static/") + "npm/";
  window.requirejs.config({
    baseUrl: base,
    paths: { anywidget: base + "anywidget/index" },
  });
  window.__jupyter_widgets_assets_path__ = base + "@jupyter-widgets/html-manager/dist/";
})();
