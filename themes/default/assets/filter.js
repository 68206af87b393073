/* glassbox: instant filtering of the systems list.
   Progressive enhancement: without this script the list, the facet pages
   under /browse/ and the search index all still work. The script shows the
   filter box, reads the prebuilt index (search.json, fetched when the box
   is first used) and hides the systems
   that do not match what was typed. Matching published errors and challenge
   routes are listed just under the box (so they show on a phone without
   scrolling), everyday words such as "chatbot" or "AI" are understood
   (the index's synonyms), word endings are ignored, and when nothing
   matches the page says what to try next. A long list is split over
   pages of 100: the systems that match are found in the whole index and
   listed just under the box, whichever page they are on, while the cards
   of this page that do not match are hidden. The number of results is announced
   in a polite live region. Text from the index is only ever set as text,
   never as HTML. No framework, no third-party code. */
(function () {
  "use strict";
  var box = document.getElementById("filter");
  var input = document.getElementById("filter-input");
  var status = document.getElementById("filter-status");
  var more = document.getElementById("filter-results");
  var none = document.getElementById("filter-none");
  if (!box || !input || !status || !more || !none || !window.fetch || !box.dataset) {
    return;
  }
  var root = box.getAttribute("data-index").replace(/search\.json$/, "");
  var systems = {};
  var names = [];
  var synonyms = {};
  var errors = [];
  var routes = [];
  var timer = null;
  /* At most this many systems are listed under the box. */
  var LIMIT = 100;

  function field(fields, name) {
    return fields.indexOf(name);
  }

  function load(index) {
    var f = index.fields;
    index.systems.forEach(function (row) {
      var text = [
        row[field(f.systems, "name")],
        row[field(f.systems, "service_area")],
        row[field(f.systems, "status")],
        row[field(f.systems, "automation")],
        row[field(f.systems, "words")]
      ].join(" ").toLowerCase();
      systems[row[field(f.systems, "id")]] = text;
      names.push({
        id: row[field(f.systems, "id")],
        url: root + "systems/" + row[field(f.systems, "id")] + "/",
        title: row[field(f.systems, "name")]
      });
    });
    synonyms = index.synonyms || {};
    index.errors.forEach(function (row) {
      errors.push({
        url: root + "errors/" + row[field(f.errors, "id")] + "/",
        title: row[field(f.errors, "title")],
        text: (row[field(f.errors, "title")] + " " + row[field(f.errors, "system")] + " " +
          row[field(f.errors, "words")]).toLowerCase()
      });
    });
    index.challenge.forEach(function (row) {
      routes.push({
        url: root + "challenge/" + row[field(f.challenge, "id")] + "/",
        title: row[field(f.challenge, "title")],
        text: (row[field(f.challenge, "title")] + " " + row[field(f.challenge, "words")]).toLowerCase()
      });
    });
    box.hidden = false;
  }

  /* A word's stem: common English endings taken off, so that "letters",
     "translating" and "translation" find "letter" and "translate". */
  function stem(word) {
    var endings = ["ations", "ation", "ings", "ing", "ions", "ion", "ers", "ies", "ed", "es", "er", "s"];
    for (var i = 0; i < endings.length; i++) {
      var e = endings[i];
      if (word.length - e.length >= 4 && word.slice(-e.length) === e) {
        return word.slice(0, -e.length);
      }
    }
    return word;
  }

  /* What was typed, as terms; each term is the list of its alternatives
     (its stem and its everyday synonyms). A term meaning "any computer
     system" ("AI", "algorithm") is dropped: every system matches it. */
  function parse(query) {
    var phrases = Object.keys(synonyms).filter(function (k) { return k.indexOf(" ") !== -1; });
    var terms = [];
    phrases.forEach(function (p) {
      if ((" " + query + " ").indexOf(" " + p + " ") !== -1) {
        query = (" " + query + " ").replace(" " + p + " ", " ").trim();
        terms.push(synonyms[p]);
      }
    });
    query.split(/[^a-z0-9\u00c0-\uffff]+/).filter(Boolean).forEach(function (word) {
      var alternatives = [stem(word)].concat(synonyms[word] || [], synonyms[stem(word)] || []);
      terms.push(alternatives);
    });
    return terms.filter(function (alternatives) { return alternatives.indexOf("*") === -1; });
  }

  function matches(text, terms) {
    for (var i = 0; i < terms.length; i++) {
      var found = false;
      for (var j = 0; j < terms[i].length; j++) {
        if (text.indexOf(terms[i][j]) !== -1) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function list(title, items) {
    var section = document.createElement("div");
    var heading = document.createElement("h2");
    heading.className = "heading-s";
    heading.textContent = title;
    var ul = document.createElement("ul");
    ul.className = "list";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.title;
      li.appendChild(a);
      ul.appendChild(li);
    });
    section.appendChild(heading);
    section.appendChild(ul);
    more.appendChild(section);
  }

  function apply() {
    var typed = input.value.trim();
    var query = typed.toLowerCase();
    var terms = parse(query);
    var shown = [];
    var cards = document.querySelectorAll(".card[data-id]");
    Array.prototype.forEach.call(cards, function (card) {
      var id = card.getAttribute("data-id");
      var text = systems[id] || card.textContent.toLowerCase();
      var keep = terms.length === 0 || matches(text, terms);
      card.hidden = !keep;
      if (keep && shown.indexOf(id) === -1) {
        shown.push(id);
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll("section[aria-labelledby^='area-']"), function (section) {
      section.hidden = section.querySelector(".card[data-id]:not([hidden])") === null;
    });
    while (more.firstChild) {
      more.removeChild(more.firstChild);
    }
    none.hidden = true;
    if (typed === "") {
      status.textContent = "";
      return;
    }
    if (terms.length === 0) {
      status.textContent = "Every system listed here is a computer system, so all " + plural(names.length, "system matches", "systems match") +
        ". Add a word about the service, such as parking or housing, to find fewer.";
      return;
    }
    /* Every system in the index, not only the cards on this page. */
    var foundSystems = names.filter(function (n) { return matches(systems[n.id], terms); });
    var foundErrors = errors.filter(function (e) { return matches(e.text, terms); });
    var foundRoutes = routes.filter(function (r) { return matches(r.text, terms); });
    if (foundSystems.length) {
      list(foundSystems.length > LIMIT ? "The first " + LIMIT + " systems that match (add a word to find fewer)" : "Systems that match",
        foundSystems.slice(0, LIMIT));
    }
    if (foundErrors.length) {
      list("Published errors that match", foundErrors);
    }
    if (foundRoutes.length) {
      list("Ways to challenge a decision that match", foundRoutes);
    }
    if (!foundSystems.length && !foundErrors.length && !foundRoutes.length) {
      status.textContent = "Nothing matches \u201c" + typed + "\u201d.";
      none.hidden = false;
      return;
    }
    status.textContent = plural(foundSystems.length, "system matches", "systems match") + " \u201c" + typed +
      "\u201d. " + plural(foundErrors.length, "published error", "published errors") + " and " +
      plural(foundRoutes.length, "way", "ways") + " to challenge a decision also match.";
  }

  /* The index of a large register is big (hundreds of KB): it is only
     fetched when someone starts to use the box, not with the page. */
  var loading = null;
  function ensureIndex() {
    if (!loading) {
      loading = window.fetch(box.getAttribute("data-index"), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(load);
      loading.catch(function () {
        /* Without the index the list and the area pages still work. */
        status.textContent = "The search could not be loaded. You can still browse the systems by service.";
        none.hidden = false;
      });
    }
    return loading;
  }
  function applySoon() {
    ensureIndex().then(apply, function () {});
  }

  input.addEventListener("focus", ensureIndex);
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(applySoon, 250);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value !== "") {
      input.value = "";
      applySoon();
    }
  });
  box.hidden = false;
}());
