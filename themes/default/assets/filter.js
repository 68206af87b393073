/* glassbox: instant filtering of the systems list.
   Progressive enhancement: without this script the list, the facet pages
   under /browse/ and the search index all still work. The script shows the
   filter box, reads the prebuilt index (search.json) and hides the systems
   that do not match what was typed. Matching published errors and challenge
   routes are listed under the box, and the number of results is announced
   in a polite live region. Text from the index is only ever set as text,
   never as HTML. No framework, no third-party code. */
(function () {
  "use strict";
  var box = document.getElementById("filter");
  var input = document.getElementById("filter-input");
  var status = document.getElementById("filter-status");
  var more = document.getElementById("filter-more");
  if (!box || !input || !status || !more || !window.fetch || !box.dataset) {
    return;
  }
  var root = box.getAttribute("data-index").replace(/search\.json$/, "");
  var systems = {};
  var errors = [];
  var routes = [];
  var timer = null;

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
    });
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

  function matches(text, terms) {
    for (var i = 0; i < terms.length; i++) {
      if (text.indexOf(terms[i]) === -1) {
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
    var query = input.value.trim().toLowerCase();
    var terms = query.split(/\s+/).filter(Boolean);
    var shown = 0;
    var cards = document.querySelectorAll(".card[data-id]");
    Array.prototype.forEach.call(cards, function (card) {
      var text = systems[card.getAttribute("data-id")] || card.textContent.toLowerCase();
      var keep = terms.length === 0 || matches(text, terms);
      card.hidden = !keep;
      if (keep) {
        shown += 1;
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll("section[aria-labelledby^='area-']"), function (section) {
      section.hidden = section.querySelector(".card[data-id]:not([hidden])") === null;
    });
    while (more.firstChild) {
      more.removeChild(more.firstChild);
    }
    if (terms.length === 0) {
      status.textContent = "";
      return;
    }
    var foundErrors = errors.filter(function (e) { return matches(e.text, terms); });
    var foundRoutes = routes.filter(function (r) { return matches(r.text, terms); });
    if (foundErrors.length) {
      list("Published errors that match", foundErrors);
    }
    if (foundRoutes.length) {
      list("Ways to challenge a decision that match", foundRoutes);
    }
    status.textContent = plural(shown, "system matches", "systems match") + " \u201c" + input.value.trim() +
      "\u201d. " + plural(foundErrors.length, "published error", "published errors") + " and " +
      plural(foundRoutes.length, "way", "ways") + " to challenge a decision also match.";
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 250);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value !== "") {
      input.value = "";
      apply();
    }
  });

  window.fetch(box.getAttribute("data-index"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.json();
    })
    .then(load)
    .catch(function () {
      /* Without the index the filter stays hidden; the list still works. */
    });
}());
