/* Clausebook search: Material's header search box, answered by Pagefind.
 *
 * Input: the `.md-search__input` of partials/search.html and the Pagefind bundle that the
 * build writes to <site>/pagefind/. Output: Material's own result markup
 * (`.md-search-result__list` > `.md-search-result__item`), so Material's CSS styles it.
 *
 * Pagefind loads only the index shards and result fragments a query needs (kilobytes, not the
 * whole-site index), and we search as soon as typing pauses (see `run`). Everything authored
 * is set as text; only Pagefind's <mark> highlights are kept from its excerpts. */
(function () {
  "use strict";
  var PAGE = 10;
  var config = JSON.parse(document.getElementById("__config").textContent);
  // Resolved once: with instant navigation, later pages keep this script but not this URL.
  var siteRoot = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var t = config.translations || {};
  var pagefind = null;
  var loading = null;
  var sequence = 0;

  /* A big site's index is in parts (generator/search.py); pagefind/parts.json lists the parts
   * beside the main one, and Pagefind merges their results. */
  function load() {
    if (!loading) {
      var parts = fetch(new URL("pagefind/parts.json", siteRoot)).then(function (response) {
        return response.ok ? response.json() : [];
      });
      loading = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pf) {
        var options = { baseUrl: siteRoot.pathname, excerptLength: 24 };
        return pf.options(options).then(function () {
          return Promise.all([pf.init(), parts]);
        }).then(function (loaded) {
          return Promise.all(loaded[1].map(function (part) {
            var path = new URL("pagefind/" + part, siteRoot).pathname;
            return pf.mergeIndex(path, { baseUrl: siteRoot.pathname, excerptLength: 24 });
          }));
        }).then(function () {
          pagefind = pf;
          return pf;
        });
      });
      loading.catch(function (error) {
        loading = null; // e.g. the index is still being built by `serve`: try again later
        console.error("Clausebook search: Pagefind did not load", error);
      });
    }
    return loading;
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
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.append(icon, title, excerpt(data.excerpt || ""));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  /* Results arrive in rank order; each is shown as soon as it and those before it are in. */
  function show(results, start, list, mine) {
    var slots = results.slice(start, start + PAGE).map(function (r) {
      var li = document.createElement("li");
      li.hidden = true;
      list.appendChild(li);
      return r.data().then(function (data) {
        if (mine === sequence) li.replaceWith(item(data));
      });
    });
    if (results.length > start + PAGE) {
      Promise.all(slots).then(function () {
        if (mine !== sequence) return;
        var more = document.createElement("li");
        more.className = "md-search-result__item cb-search-more";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-search-result__more";
        button.textContent = "More results";
        button.addEventListener("click", function () {
          more.remove();
          show(results, start + PAGE, list, mine);
        });
        more.appendChild(button);
        list.appendChild(more);
      });
    }
  }

  /* One search at a time, always for the latest text: keystrokes that arrive while a search
   * runs are folded into one search when it ends, so nobody waits behind a queue of searches
   * for the prefixes already typed. */
  var pending = null;
  var busy = false;

  /* When to search. A query of one letter matches the start of nearly every word, and one of
   * two (EU, AI) still of very many: the first is never searched, the second only once typing
   * pauses. Longer queries are searched as soon as typing pauses for PAUSE ms, so a fast
   * typist's "thi" does not hold the index up while "third-party model" is typed. */
  var PAUSE = 80;
  var PAUSE_SHORT = 300;
  var timer = null;

  function run(root, query) {
    var mine = ++sequence;
    var meta = root.querySelector(".md-search-result__meta");
    var list = root.querySelector(".md-search-result__list");
    clearTimeout(timer);
    var length = query.trim().length;
    if (length < 2) {
      list.replaceChildren();
      meta.textContent = t["search.result.placeholder"] || "Type to start searching";
      meta.dataset.query = query;
      return;
    }
    timer = setTimeout(function () {
      pending = { query: query, mine: mine, meta: meta, list: list };
      if (!busy) pump();
    }, length < 3 ? PAUSE_SHORT : PAUSE);
  }

  function pump() {
    var job = pending;
    pending = null;
    if (!job) {
      busy = false;
      return;
    }
    busy = true;
    load().then(function (pf) {
      return job.mine === sequence ? pf.search(job.query) : null;
    }).then(function (search) {
      if (search && job.mine === sequence) {
        job.meta.textContent = label(search.results.length);
        job.meta.dataset.query = job.query; // which text the shown results answer
        job.list.replaceChildren();
        show(search.results, 0, job.list, job.mine);
      }
    }, function (error) {
      console.error("Clausebook search failed", error);
    }).then(pump);
  }

  function bind(root) {
    if (root.dataset.cbBound) return;
    root.dataset.cbBound = "1";
    var input = root.querySelector(".md-search__input");
    var form = root.querySelector(".md-search__form");
    input.addEventListener("focus", function () {
      toggle(true);
      load();
    });
    input.addEventListener("input", function () {
      // While a reader types, fetch the index shards of the words typed so far (three letters
      // or more), so that the search after the pause finds them loaded.
      var words = input.value.split(/\s+/).filter(function (w) { return w.length >= 3; });
      if (pagefind && words.length) pagefind.preload(words.join(" ")).catch(function () {});
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
    document.querySelectorAll("[data-cb-search]").forEach(bind);
    // Fetch Pagefind's runtime and the index's entry files now (about 150 KB, cached across
    // pages) rather than on focus, so the first keystroke is answered from a ready index.
    // Material's own search fetches its whole index (55 MB at 10,000 analyses) the same way.
    load();
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
