/* Clausebook explorer: filter the build-time list of analyses by platform, topic, exposure,
   jurisdiction and words, keeping the filters in the page address (?platform=…&q=…).
   No framework. The build writes every entry into the list; at start this script takes
   them all out of the document and keeps them in an array, then each filter change walks
   the array and puts back at most one page of matches (data-page-size) until the reader asks
   for more. Measured in Chromium at 10,000 entries (tests/bench/explorer_filter.py): toggling
   `hidden` on entries that stay in the document made each change restyle the whole list
   (100-600 ms); with detached entries a change costs what the shown page costs.
   Runs on every page load, including Material's instant navigation (document$). */
(function () {
  "use strict";

  var PARAMS = ["platform", "topic", "answer", "rating", "jurisdiction", "q"];

  function setup(list) {
    var form = document.querySelector("[data-cb-explorer-form]");
    var count = document.querySelector("[data-cb-explorer-count]");
    var none = document.querySelector("[data-cb-explorer-none]");
    var more = document.querySelector("[data-cb-explorer-more]");
    var pageSize = Number(list.dataset.pageSize);
    var limit = pageSize;
    var items = Array.prototype.map.call(list.children, function (el) {
      return {
        el: el,
        platform: el.dataset.platform,
        topic: el.dataset.topic,
        rating: el.dataset.rating,
        answer: el.dataset.answer,
        jurisdictions: " " + el.dataset.jurisdictions + " ",
        text: el.textContent.toLowerCase(),
      };
    });
    items.forEach(function (it) { it.el.hidden = false; });  // detached below: costs nothing
    list.replaceChildren();

    function state() {
      var s = {};
      PARAMS.forEach(function (name) { s[name] = form.elements[name].value.trim(); });
      return s;
    }

    function apply(s) {
      var words = s.q.toLowerCase().split(/\s+/).filter(Boolean);
      var jurisdiction = s.jurisdiction ? " " + s.jurisdiction + " " : "";
      var matched = 0;
      var page = document.createDocumentFragment();
      for (var i = 0; i < items.length; i++) {
        var it = items[i];
        var ok = (!s.platform || it.platform === s.platform) &&
          (!s.topic || it.topic === s.topic) &&
          (!s.answer || it.answer === s.answer) &&
          (!s.rating || it.rating === s.rating) &&
          (!jurisdiction || it.jurisdictions.indexOf(jurisdiction) !== -1);
        for (var w = 0; ok && w < words.length; w++) ok = it.text.indexOf(words[w]) !== -1;
        if (ok && ++matched <= limit) page.appendChild(it.el);
      }
      list.replaceChildren(page);
      var shown = Math.min(matched, limit);
      count.innerHTML = "<strong>" + matched + "</strong> of " + items.length + " analyses" +
        (shown < matched ? ", showing the first " + shown : "");
      none.hidden = matched !== 0;
      more.hidden = shown >= matched;
      more.textContent = "Show " + Math.min(pageSize, matched - shown) + " more";
    }

    function toUrl(s) {
      var params = new URLSearchParams();
      PARAMS.forEach(function (name) { if (s[name]) params.set(name, s[name]); });
      var query = params.toString();
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      history.replaceState(history.state, "", url);
    }

    function update() {
      var s = state();
      limit = pageSize;
      apply(s);
      toUrl(s);
    }

    var given = new URLSearchParams(location.search);
    PARAMS.forEach(function (name) {
      var field = form.elements[name];
      var value = given.get(name) || "";
      if (field.tagName === "SELECT" &&
          !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
        value = "";  // an unknown value (e.g. a removed platform) would select nothing
      }
      field.value = value;
    });
    apply(state());

    form.addEventListener("change", update);
    form.addEventListener("input", function (event) {
      if (event.target.name === "q") update();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    more.addEventListener("click", function () {
      limit += pageSize;
      apply(state());
    });
    form.addEventListener("reset", function () { setTimeout(update, 0); });
  }

  function init() {
    var list = document.querySelector("[data-cb-explorer]");
    if (list) setup(list);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
