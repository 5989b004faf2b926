/* Draws every report chart: <div class="tm-chart" data-spec="{Vega-Lite JSON}">.
 *
 * Specs live in a data- attribute, never in a <script> of the page, and are drawn from Material's
 * document$ observable, which fires on the first load and after every instant-navigation page swap.
 * vegaEmbed comes from the self-hosted bundle (assets/javascripts/vendor/vega-bundle.js), loaded from
 * beside this script the first time a page has a chart (a page without one loads no chart library).
 * Charts take the palette's colours (light or dark) and are drawn again when the reader toggles it. */
(function () {
  "use strict";

  var here = document.currentScript && document.currentScript.src;
  var BUNDLE = here ? here.replace(/charts\.js(\?.*)?$/, "vendor/vega-bundle.js") : "";
  var loading = null;

  /* Calls ready() once vegaEmbed exists, adding the bundle's <script> the first time it is needed. */
  function withVega(ready, failed) {
    if (typeof window.vegaEmbed === "function") { ready(); return; }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = BUNDLE;
        tag.onload = resolve;
        tag.onerror = function () { reject(new Error("the Vega library did not load")); };
        document.head.appendChild(tag);
      });
    }
    loading.then(ready, failed);
  }

  function fail(el, message) {
    el.classList.add("tm-chart--error");
    el.textContent = "Chart unavailable: " + message;
    if (window.console) { window.console.warn("tm-chart:", message); }
  }

  function css(name, fallback) {
    var value = window.getComputedStyle(document.body).getPropertyValue(name);
    return value && value.trim() ? value.trim() : fallback;
  }

  /* The palette's colours as a Vega config: background, text, grid. */
  function theme() {
    var fg = css("--md-default-fg-color", "#000000de");
    var light = css("--md-default-fg-color--light", "#0000008a");
    var grid = css("--md-default-fg-color--lightest", "#00000012");
    return {
      background: css("--md-default-bg-color", "#ffffff"),
      title: { color: fg },
      axis: { labelColor: light, titleColor: fg, gridColor: grid, domainColor: light, tickColor: light },
      legend: { labelColor: fg, titleColor: fg }
    };
  }

  function merge(target, extra) {
    Object.keys(extra).forEach(function (k) {
      var v = extra[k];
      if (v && typeof v === "object" && !Array.isArray(v)) {
        target[k] = merge(target[k] && typeof target[k] === "object" ? target[k] : {}, v);
      } else {
        target[k] = v;
      }
    });
    return target;
  }

  function draw(el) {
    if (el.getAttribute("data-rendered") === "1") { return; }
    var spec;
    try {
      spec = JSON.parse(el.getAttribute("data-spec"));
    } catch (err) {
      fail(el, "invalid chart specification");
      return;
    }
    if (typeof window.vegaEmbed !== "function") {
      fail(el, "the Vega library did not load");
      return;
    }
    spec.config = merge(spec.config || {}, theme());
    var options = { actions: false, renderer: "svg" };
    var meta = spec.usermeta && spec.usermeta.embedOptions;
    if (meta) { Object.keys(meta).forEach(function (k) { options[k] = meta[k]; }); }
    el.setAttribute("data-rendered", "1");
    el.setAttribute("data-scheme", document.body.getAttribute("data-md-color-scheme") || "default");
    window.vegaEmbed(el, spec, options).catch(function (err) { fail(el, String(err && err.message || err)); });
  }

  function drawAll() {
    var nodes = document.querySelectorAll(".tm-chart[data-spec]");
    if (!nodes.length) { return; }
    withVega(function () {
      for (var i = 0; i < nodes.length; i++) { draw(nodes[i]); }
    }, function (err) {
      for (var i = 0; i < nodes.length; i++) { fail(nodes[i], err.message); }
    });
  }

  /* The toggle changes data-md-color-scheme on <body>: draw the charts again in the new colours. */
  function redrawOnToggle() {
    if (!window.MutationObserver) { return; }
    new window.MutationObserver(function () {
      var scheme = document.body.getAttribute("data-md-color-scheme") || "default";
      var nodes = document.querySelectorAll(".tm-chart[data-rendered='1']");
      for (var i = 0; i < nodes.length; i++) {
        if (nodes[i].getAttribute("data-scheme") !== scheme) {
          nodes[i].removeAttribute("data-rendered");
          nodes[i].textContent = "";
        }
      }
      drawAll();
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(drawAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
  redrawOnToggle();
})();
