// The search page: loads the index the page names (data-index), ranks it with MiniSearch (loaded just
// before this script) and lists the matching papers as links. Without JavaScript the page shows a link
// to the full list instead; this script swaps that message for the search box.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form || typeof MiniSearch === "undefined") return;
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var fallback = document.getElementById("search-fallback");
  var LIMIT = 50;
  var STOP = new Set(["a", "an", "and", "are", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on", "or", "the", "to", "with"]);
  var engine = null;
  var byId = new Map();
  var total = 0;
  var timer = 0;

  // Letters that are not a base letter with a mark, so dropping marks leaves them: written as the letters people
  // type for them ("lukasz" finds "Łukasz", "dao" "Đạo", "kilic" "Kılıç").
  var FOLD = { "đ": "d", "ð": "d", "ł": "l", "ø": "o", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ħ": "h" };

  // Case and accents do not matter ("muller" finds "Müller"); common words are left out.
  function term(t) {
    t = t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[đðłøıßæœþħ]/g, function (c) { return FOLD[c]; });
    return STOP.has(t) ? null : t;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // As lists of papers on the site show them (the theme's authors partial): up to ten names as they are; of more, the
  // first ten, or the first nine, "…" and the owner (the index's "owner", when she is among the authors), then the total.
  var SHOWN = 10;
  function count(n) { return n.toLocaleString("en"); }

  // Each name in a <bdi>, as the site's lists isolate theirs: two names in a row in Arabic or Hebrew would otherwise
  // join, the comma between them, into one run read right to left, the second name shown first.
  function add(p, list) {
    list.forEach(function (name, i) {
      if (i > 0) p.appendChild(document.createTextNode(", "));
      p.appendChild(el("bdi", "", name));
    });
  }

  function authors(doc) {
    var names = doc.authors;
    var n = names.length;
    var p = el("p", "authors");
    if (n <= SHOWN) {
      add(p, names);
      if (doc.authors_truncated) p.appendChild(document.createTextNode(" et al."));
      return p;
    }
    // The last name shown: the tenth, or the owner when she comes after it.
    var last = typeof doc.owner === "number" && doc.owner >= SHOWN && doc.owner < n ? doc.owner : SHOWN - 1;
    add(p, names.slice(0, SHOWN - 1));
    p.appendChild(document.createTextNode(", "));
    if (last > SHOWN - 1) {
      var gap = el("span", "author-gap");
      var dots = el("span", "", "\u2026");
      dots.setAttribute("aria-hidden", "true");
      gap.appendChild(dots);
      gap.appendChild(el("span", "visually-hidden", count(last - (SHOWN - 1)) + " more authors"));
      p.appendChild(gap);
      p.appendChild(document.createTextNode(", "));
    }
    add(p, [names[last]]);
    if (last < n - 1 || doc.authors_truncated) {
      p.appendChild(document.createTextNode(" "));
      p.appendChild(el("span", "et-al", "et al."));
    }
    p.appendChild(document.createTextNode(" "));
    p.appendChild(el("span", "author-count", "(" + (doc.authors_truncated ? "at least " : "") + count(n) + " authors)"));
    return p;
  }

  function item(doc) {
    var li = el("li", "paper-item");
    var h = el("h2", "paper-title");
    var a = el("a", "", doc.title);
    a.href = doc.url;
    h.appendChild(a);
    li.appendChild(h);
    li.appendChild(authors(doc));
    li.appendChild(el("p", "paper-meta", doc.year + " \u00b7 " + doc.category_name));
    return li;
  }

  function papers(n) { return n + (n === 1 ? " paper" : " papers"); }

  // The count is announced once typing pauses, not at every key.
  function say(text) {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { status.textContent = text; }, 250);
  }

  function run() {
    if (!engine) return;
    var q = input.value.trim();
    history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
    list.textContent = "";
    if (!q) {
      say("Type to search " + papers(total) + ".");
      return;
    }
    var hits = engine.search(q);
    var shown = hits.slice(0, LIMIT);
    var frag = document.createDocumentFragment();
    shown.forEach(function (hit) { frag.appendChild(item(byId.get(hit.id))); });
    list.appendChild(frag);
    var quoted = "\u201c" + q + "\u201d";
    say(hits.length === 0 ? "No paper matches " + quoted + "."
      : hits.length > LIMIT ? papers(hits.length) + " match " + quoted + "; the best " + LIMIT + " are shown."
      : papers(hits.length) + (hits.length === 1 ? " matches " : " match ") + quoted + ".");
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  form.hidden = false;
  fallback.hidden = true;
  var q = new URLSearchParams(location.search).get("q");
  if (q) input.value = q;
  status.textContent = "Loading the index\u2026";

  var pending = 0;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    window.clearTimeout(pending);
    run();
    var first = links()[0];
    if (first) first.focus();
  });
  // A large index (thousands of papers) takes a moment per search: wait for a pause in typing.
  input.addEventListener("input", function () {
    window.clearTimeout(pending);
    if (total > 2000) pending = window.setTimeout(run, 150);
    else run();
  });
  // Down arrow from the box goes to the results; up and down move between them, and back to the box.
  input.addEventListener("keydown", function (e) {
    var first = links()[0];
    if (e.key === "ArrowDown" && first) {
      e.preventDefault();
      first.focus();
    }
  });
  list.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var all = links();
    var i = all.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === "ArrowDown") (all[i + 1] || all[i]).focus();
    else (i > 0 ? all[i - 1] : input).focus();
  });

  fetch(form.getAttribute("data-index"))
    .then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + r.statusText);
      return r.json();
    })
    .then(function (index) {
      var ms = new MiniSearch({
        fields: ["title", "authors", "abstract", "category"],
        extractField: function (doc, field) {
          if (field === "authors") return doc.authors.join(" ");
          if (field === "category") return doc.category + " " + doc.category_name;
          return doc[field];
        },
        processTerm: term,
        searchOptions: {
          boost: { title: 3, authors: 2 },
          prefix: true,
          // Edits allowed per word: one up to eight letters, two beyond (a fraction of the length let "reversal" match
          // "several", two edits away); none for short words, which a prefix already covers.
          fuzzy: function (t) { return t.length > 8 ? 2 : t.length > 3 ? 1 : false; },
          combineWith: "AND",
        },
      });
      ms.addAll(index.documents);
      index.documents.forEach(function (d) { byId.set(d.id, d); });
      total = index.documents.length;
      engine = ms;
      run();
    })
    .catch(function () {
      form.hidden = true;
      fallback.hidden = false;
      say("The search index could not be loaded.");
    });
})();
