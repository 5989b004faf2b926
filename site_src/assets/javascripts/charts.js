/* Draws every report chart: <div class="tm-chart" data-spec="{Vega-Lite JSON}">.
 *
 * Specs live in a data- attribute, never in a <script> of the page, and are drawn from Material's
 * document$ observable, which fires on the first load and after every instant-navigation page swap.
 * vegaEmbed comes from the self-hosted bundle (assets/javascripts/vendor/vega-bundle.js). */
(function () {
  "use strict";

  function fail(el, message) {
    el.classList.add("tm-chart--error");
    el.textContent = "Chart unavailable: " + message;
    if (window.console) { window.console.warn("tm-chart:", message); }
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
    var options = { actions: false, renderer: "svg" };
    var meta = spec.usermeta && spec.usermeta.embedOptions;
    if (meta) { Object.keys(meta).forEach(function (k) { options[k] = meta[k]; }); }
    el.setAttribute("data-rendered", "1");
    window.vegaEmbed(el, spec, options).catch(function (err) { fail(el, String(err && err.message || err)); });
  }

  function drawAll() {
    var nodes = document.querySelectorAll(".tm-chart[data-spec]");
    for (var i = 0; i < nodes.length; i++) { draw(nodes[i]); }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(drawAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
