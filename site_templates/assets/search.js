/* Clausebook search: Material's header search box, answered by Pagefind.
 *
 * Input: the header's search button (partials/header.html) and the Pagefind bundles that the
 * build writes to <site>/pagefind/. Output: Material's search dialog, built once beside the
 * button (`dialog`), and Material's own result markup in it (`.md-search-result__list` >
 * `.md-search-result__item`), so Material's CSS styles both.
 *
 * Two indexes answer each query (generator/postbuild/search.py and quick.py). The quick index holds only the titles
 * and summaries of the pages and answers in tens of milliseconds even at 10,000 analyses; the
 * full index holds every word of every page, and a query of common words makes it score
 * nearly every page, which takes Pagefind's worker about half a second there. Each index has
 * a worker of its own; the quick one is searched first, the full one right after it, and the
 * quick index's matches are shown first, the full text's other matches below them when it
 * answers. Shown results never move.
 *
 * Pagefind loads only the index shards and result fragments a query needs (kilobytes, not the
 * whole-site index). Everything authored is set as text; only Pagefind's <mark> highlights
 * are kept from its excerpts. */
(function () {
  "use strict";
  var PAGE = 10;
  var config = JSON.parse(document.getElementById("__config").textContent);
  // Resolved once: with instant navigation, later pages keep this script but not this URL.
  var siteRoot = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var t = config.translations || {};
  var OPTIONS = { baseUrl: siteRoot.pathname, excerptLength: 24 };

  /* One Pagefind runtime: the module loaded from `pagefind.js` plus `copy` in its query (a
   * module of its own, so a worker of its own), with the bundle in `bundle` as its index and
   * the bundles in `merged` merged into it (Pagefind searches those one after another). */
  function runtime(copy, bundle, merged) {
    var url = new URL("pagefind/pagefind.js" + copy, siteRoot).href;
    return import(url).then(function (pf) {
      var base = new URL("pagefind/" + bundle, siteRoot).pathname;
      return pf.options(Object.assign({ basePath: base }, OPTIONS)).then(function () {
        return pf.init();
      }).then(function () {
        return Promise.all(merged.map(function (part) {
          return pf.mergeIndex(new URL("pagefind/" + part, siteRoot).pathname, OPTIONS);
        }));
      }).then(function () {
        return pf;
      });
    });
  }

  /* Loaded once (again after a failure, e.g. while `serve` still writes the index). */
  function once(make) {
    var loading = null;
    return function () {
      if (!loading) {
        loading = make();
        loading.catch(function (error) {
          loading = null;
          console.error("Clausebook search: Pagefind did not load", error);
        });
      }
      return loading;
    };
  }

  /* The full index is in parts (pagefind/parts.json lists those beside the main one). */
  var full = once(function () {
    return fetch(new URL("pagefind/parts.json", siteRoot)).then(function (response) {
      return response.ok ? response.json() : [];
    }).then(function (parts) {
      return runtime("", "", parts);
    });
  });
  var quick = once(function () {
    return fetch(new URL("pagefind/quick/pagefind-entry.json", siteRoot)).then(function (response) {
      // A site indexed without it (an older build) is searched by the full index alone.
      return response.ok ? runtime("?index=quick", "quick/", []) : null;
    });
  });

  var SVG = "http://www.w3.org/2000/svg";
  var XLINK = "http://www.w3.org/1999/xlink";

  /* An element with `attributes` in their order and `children`; text only ever as text. */
  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  /* A theme icon as generator/minify.py writes one: `ref` is "viewBox#id" in the sprite. */
  function icon(sprite, ref) {
    var at = ref.indexOf("#");
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", ref.slice(0, at));
    var use = document.createElementNS(SVG, "use");
    use.setAttributeNS(XLINK, "xlink:href", sprite + ref.slice(at));
    svg.appendChild(use);
    return svg;
  }

  /* Material's search dialog (9.8.2's partials/search.html), built once right after the
   * header's search button instead of sent in every page (1.2 KB each). Its markup, classes
   * and ARIA, so Material's CSS applies, with two changes: `data-cb-search`, not
   * `data-md-component`, so Material's search never mounts; and a form not named "search",
   * which would make Material's bundle fetch search/search_index.json. The texts are
   * Material's translations (__config, main.html); the icons the button's magnifier and the
   * two its data-cb-icons names. Built when this script runs, before DOMContentLoaded, so
   * Material's scripts meet it as they met the markup (its [data-md-scrollfix]); instant
   * navigation keeps the header, and this with it. */
  function dialog() {
    var root = document.querySelector("[data-cb-search]");
    var button = document.querySelector('.md-header label.md-header__button[for="__search"]');
    if (root || !button) return root;
    var glass = button.querySelector("svg");
    var use = glass.querySelector("use");
    var sprite = use ? use.getAttributeNS(XLINK, "href").split("#")[0] : "";
    var refs = button.dataset.cbIcons.split(",");
    var meta = element("div", { class: "md-search-result__meta" });
    meta.textContent = t["search.result.initializer"];
    root = element("div", {
      class: "md-search", "data-cb-search": "", role: "dialog", "aria-label": t.search
    }, [
      element("label", { class: "md-search__overlay", for: "__search" }),
      element("div", { class: "md-search__inner", role: "search" }, [
        element("form", { class: "md-search__form", name: "cb-search" }, [
          element("input", {
            type: "text", class: "md-search__input", name: "query",
            "aria-label": t["search.placeholder"], placeholder: t["search.placeholder"],
            autocapitalize: "off", autocorrect: "off", autocomplete: "off", spellcheck: "false",
            required: ""
          }),
          element("label", { class: "md-search__icon md-icon", for: "__search" }, [
            glass.cloneNode(true), icon(sprite, refs[0])
          ]),
          // No "search.share" link here nor "search.suggest" box after: not enabled (mkdocs.yml).
          element("nav", { class: "md-search__options", "aria-label": t.search }, [
            element("button", {
              type: "reset", class: "md-search__icon md-icon", title: t["search.reset"],
              "aria-label": t["search.reset"], tabindex: "-1"
            }, [icon(sprite, refs[1])])
          ])
        ]),
        element("div", { class: "md-search__output" }, [
          element("div", {
            class: "md-search__scrollwrap", tabindex: "0", "data-md-scrollfix": ""
          }, [
            element("div", { class: "md-search-result" }, [
              meta,
              element("ol", { class: "md-search-result__list", role: "presentation" })
            ])
          ])
        ])
      ])
    ]);
    button.after(root);
    return root;
  }

  function toggle(open) {
    var box = document.getElementById("__search");
    if (box) box.checked = open;
  }

  function label(count) {
    if (count === 0) return t["search.result.none"] || "No matching documents";
    if (count === 1) return t["search.result.one"] || "1 matching document";
    return (t["search.result.other"] || "# matching documents").replace("#", String(count));
  }

  /* Pagefind's excerpt is escaped page text with <mark> around hits: rebuild it from text
   * nodes and <mark> elements only, so nothing else can ever reach the page. */
  function excerpt(html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html;
    var out = document.createElement("p");
    parsed.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    a.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("h1");
    var meta = data.meta || {};
    title.textContent = meta.title || data.url;
    article.append(icon, title);
    // What an analysis is about and its answer (generator/site/searchmeta.py), as text.
    var facts = ["platform", "topic", "answer"].map(function (name) {
      return meta[name];
    }).filter(Boolean);
    if (facts.length || meta.rating) {
      var line = document.createElement("p");
      line.className = "cb-search-facts";
      line.textContent = facts.join(" · ");
      if (meta.rating) {
        var badge = document.createElement("span");
        badge.className = "cb-badge cb-badge--" + meta.rating.toLowerCase();
        badge.textContent = meta.rating;
        line.append(facts.length ? " " : "", badge);
      }
      article.appendChild(line);
    }
    article.appendChild(excerpt(data.excerpt || ""));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  /* The list for one query: the quick index's matches, then the full index's other matches,
   * each page once, PAGE at a time ("More results"). Nothing is shown before the quick index
   * answers, so the order is the same whichever index answers first; items keep their place. */
  function Listing(job) {
    var meta = (this.meta = job.meta);
    this.list = job.list;
    this.mine = job.mine;
    this.quick = null; // the quick index's results, once it answered
    this.full = null; // the full index's results, once it answered
    this.results = []; // Pagefind results in the order they are shown
    this.next = 0; // the first of `results` not yet shown
    this.seen = {}; // URLs shown
    this.shown = 0;
    this.showing = false; // a page is being shown
    meta.dataset.query = job.query; // which text the shown results answer
    delete meta.dataset.complete;
    job.list.replaceChildren();
    job.list.removeAttribute("aria-busy");
  }

  Listing.prototype.current = function () {
    return this.mine === sequence;
  };

  Listing.prototype.add = function (results, complete) {
    if (complete) {
      this.full = results;
    } else {
      this.quick = results; // each index answers a query once, the quick one before any is shown
      this.results = results.slice();
    }
    if (!this.quick) return;
    if (this.full && !this.meta.dataset.complete) {
      this.results = this.results.concat(this.full);
      this.meta.textContent = label(this.full.length);
      this.meta.dataset.complete = "1";
    } else if (!this.full) {
      this.meta.textContent = "Searching the full text…";
    }
    if (this.showing) return; // it goes on to the results just added
    if (this.shown < PAGE) this.page(PAGE - this.shown);
    else this.offerMore();
  };

  /* Show up to `count` more results; each as soon as it and those before it are in. */
  Listing.prototype.page = function (count) {
    var self = this;
    var target = this.shown + count;
    var more = this.list.querySelector(".cb-search-more");
    if (more) more.remove();
    this.showing = true;
    this.list.setAttribute("aria-busy", "true"); // items are still being added
    function step() {
      var batch = self.results.slice(self.next, self.next + target - self.shown);
      self.next += batch.length;
      if (!self.current()) return; // a newer query's list is in its place
      if (!batch.length) {
        self.showing = false;
        self.list.removeAttribute("aria-busy");
        // Every result is in the list: the count is the list's own length, each page once
        // (the quick and the full index may each find a page the other does not).
        if (self.full && self.next >= self.results.length) {
          self.meta.textContent = label(self.shown);
        }
        self.offerMore();
        return;
      }
      Promise.all(batch.map(function (r) {
        var li = document.createElement("li");
        li.hidden = true;
        self.list.appendChild(li);
        return r.data().then(function (data) {
          if (!self.current()) return;
          if (self.seen[data.url]) {
            li.remove(); // shown already, from the quick index
          } else {
            self.seen[data.url] = true;
            li.replaceWith(item(data));
            self.shown += 1;
          }
        });
      })).then(step, function (error) {
        self.showing = false;
        if (self.current()) self.list.removeAttribute("aria-busy");
        console.error("Clausebook search failed", error);
      });
    }
    step();
  };

  Listing.prototype.offerMore = function () {
    var self = this;
    if (!this.current() || this.showing || this.next >= this.results.length) return;
    if (this.list.querySelector(".cb-search-more")) return;
    var more = document.createElement("li");
    more.className = "md-search-result__item cb-search-more";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-search-result__more";
    button.textContent = "More results";
    button.addEventListener("click", function () {
      self.page(PAGE);
    });
    more.appendChild(button);
    this.list.appendChild(more);
  };

  /* When to search. A query of one letter matches the start of nearly every word, and one of
   * two (EU, AI) still of very many: the first is never searched, the second only once typing
   * pauses. Longer queries are searched as soon as typing pauses for PAUSE ms, so a fast
   * typist's "thi" does not hold an index up while "third-party model" is typed. Each index
   * runs one search at a time, always for the latest text: keystrokes that arrive while one
   * runs are folded into one search when it ends, so nobody waits behind a queue of searches
   * for the prefixes already typed. */
  var PAUSE = 40;
  var FULL_LATER = 2000; // ms after the quick index is ready
  var PAUSE_SHORT = 300;
  var timer = null;
  var sequence = 0;
  var listing = null;

  function listingFor(job) {
    if (!listing || listing.mine !== job.mine) {
      listing = new Listing(job);
    }
    return listing;
  }

  /* One index's searches; `then` (the full index's lane) gets each job when this one is done
   * with it, so the two do not compete for the processor while the first results are due. */
  function Lane(load, complete, then) {
    this.load = load;
    this.complete = complete;
    this.then = then;
    this.pending = null;
    this.busy = false;
  }

  Lane.prototype.request = function (job) {
    this.pending = job;
    if (!this.busy) this.pump();
  };

  Lane.prototype.pump = function () {
    var self = this;
    var job = this.pending;
    this.pending = null;
    if (!job) {
      this.busy = false;
      return;
    }
    this.busy = true;
    this.load().then(function (pf) {
      if (job.mine !== sequence) return null;
      // A site indexed without the quick index: the full index's results are all there is.
      return pf ? pf.search(job.query) : { results: [] };
    }).then(function (search) {
      if (search && job.mine === sequence) listingFor(job).add(search.results, self.complete);
    }, function (error) {
      console.error("Clausebook search failed", error);
      // Without the quick index's answer the full index's would never be shown.
      if (!self.complete && job.mine === sequence) listingFor(job).add([], false);
    }).then(function () {
      if (self.then && job.mine === sequence) self.then.request(job);
      self.pump();
    });
  };

  var lane = new Lane(quick, false, new Lane(full, true, null));

  function run(root, query) {
    var mine = ++sequence;
    var meta = root.querySelector(".md-search-result__meta");
    var list = root.querySelector(".md-search-result__list");
    clearTimeout(timer);
    var length = query.trim().length;
    if (length < 2) {
      listing = null;
      list.replaceChildren();
      meta.textContent = t["search.result.placeholder"] || "Type to start searching";
      meta.dataset.query = query;
      delete meta.dataset.complete;
      return;
    }
    timer = setTimeout(function () {
      lane.request({ query: query, mine: mine, meta: meta, list: list });
    }, length < 3 ? PAUSE_SHORT : PAUSE);
  }

  function bind(root) {
    if (root.dataset.cbBound) return;
    root.dataset.cbBound = "1";
    var input = root.querySelector(".md-search__input");
    var form = root.querySelector(".md-search__form");
    input.addEventListener("focus", function () {
      toggle(true);
      quick().then(function () {
        setTimeout(full, FULL_LATER);
      });
    });
    input.addEventListener("input", function () {
      // While a reader types, fetch the quick index's shards of the words typed so far (three
      // letters or more), so that the search after the pause finds them loaded. Not the full
      // index's: ten parts' shards for every keystroke keep its worker and a processor busy
      // just when the quick index should answer.
      var words = input.value.split(/\s+/).filter(function (w) { return w.length >= 3; });
      if (words.length) {
        quick().then(function (pf) {
          return pf && pf.preload(words.join(" "));
        }).catch(function () {});
      }
      run(root, input.value);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = root.querySelector(".md-search-result__link");
      if (first) first.click();
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { run(root, ""); input.focus(); });
    });
    root.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(root.querySelectorAll(".md-search-result__link"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        toggle(false);
        input.blur();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var next = event.key === "ArrowDown" ? at + 1 : at - 1;
        if (next < 0) input.focus();
        else if (links[Math.min(next, links.length - 1)]) links[Math.min(next, links.length - 1)].focus();
      }
    });
    // Material's shortcuts for search: "/", "s" and "f" focus the box from anywhere.
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        input.focus();
      }
    });
    // The magnifier button of small screens opens the search through Material's toggle.
    var box = document.getElementById("__search");
    if (box) {
      box.addEventListener("change", function () {
        if (box.checked) input.focus();
      });
    }
    // After instant navigation, close the search as Material's own search does.
    root.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest(".md-search-result__link")) {
        toggle(false);
        input.blur();
      }
    });
  }

  function start() {
    dialog(); // built already, unless this script ran before the header was there
    document.querySelectorAll("[data-cb-search]").forEach(bind);
    // Fetch Pagefind's runtime and the quick index's entry files now (cached across pages)
    // rather than on focus, so the first keystroke is answered from a ready index; the full
    // index a little later (ten parts at 10,000 analyses: a processor busy for about half a
    // second), unless a search needs it first, so that it does not slow the first answer of
    // a reader who types at once. Material's own search fetches its whole index (55 MB at
    // 10,000 analyses) on every page load.
    // Nothing is fetched until a reader shows an intent to search (issue 16: every page load
    // fetched both Pagefind runtimes, 562 KiB): focus on the box or a search key loads the quick
    // index (`bind`), typing runs a search, and the full index follows a little after the quick
    // one is ready, unless a search needs it first, so that it does not slow the first answer.
  }
  dialog();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
