/* The comparison matrix on the compare page, made interactive: filter the rows, sort by a
   column, and put two or three models side by side. The matrix stays the plain table the
   build renders (scripts/render.py); the controls and their data come from the build too
   (scripts/chooser.py), and the side-by-side sections, taken from the model pages as built,
   load only when the reader asks for them. No framework; works from file://. */
(function () {
  "use strict";
  var source = document.getElementById("compare-data");
  var tools = document.getElementById("compare-tools");
  var heading = document.getElementById("matrix");
  if (!source || !tools || !heading) return;
  var data = JSON.parse(source.textContent);
  var ui = data.ui;
  var node = heading.nextElementSibling;
  while (node && !(node.tagName === "TABLE" || node.querySelector("table"))) node = node.nextElementSibling;
  if (!node) return;
  var table = node.tagName === "TABLE" ? node : node.querySelector("table");
  var body = table.tBodies[0];
  var rows = {};
  var cells = {};
  data.rows.forEach(function (row, index) {
    rows[row.id] = row;
    cells[row.id] = body.rows[index];
    body.rows[index].setAttribute("data-model", row.id);
  });
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var lang = document.documentElement.lang || "en";

  function el(tag, attrs, children) {
    var element = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { element.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return element;
  }

  /* Filters: the build writes the controls into the page (scripts/chooser.py); this wires them. */
  var selects = {};
  var status = tools.querySelector(".compare-count");
  Array.prototype.forEach.call(tools.querySelectorAll("select[data-filter]"), function (select) {
    selects[select.getAttribute("data-filter")] = select;
    select.addEventListener("change", applyFilters);
  });

  function matches(row) {
    return Object.keys(selects).every(function (name) {
      var wanted = selects[name].value;
      var value = row[name];
      return !wanted || (Array.isArray(value) ? value.indexOf(wanted) >= 0 : value === wanted);
    });
  }

  function applyFilters() {
    var shown = 0;
    data.rows.forEach(function (row) {
      var visible = matches(row);
      cells[row.id].hidden = !visible;
      if (visible) shown += 1;
    });
    status.textContent = ui.shown + " " + shown + " / " + data.rows.length;
  }

  /* Sorting by column: buttons in the headers, aria-sort on the sorted one. */
  var levelColumns = {};
  function addSortButtons() { headers.forEach(function (th, column) {
    var text = th.textContent.trim();
    if (text === data.filters.capital.label) levelColumns[column] = "capital";
    if (text === data.filters.logistics.label) levelColumns[column] = "logistics";
    var button = el("button", { type: "button", class: "compare-sort", title: ui["sort-by"] }, [text]);
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(column); });
  }); }

  function sortKey(tr, column) {
    if (levelColumns[column]) return data.levels.indexOf(rows[tr.getAttribute("data-model")][levelColumns[column]]);
    return tr.cells[column].textContent.trim();
  }

  function sortBy(column) {
    var th = headers[column];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
      var x = sortKey(a, column);
      var y = sortKey(b, column);
      var order = typeof x === "number" ? x - y : x.localeCompare(y, lang);
      return ascending ? order : -order;
    });
    sorted.forEach(function (tr) { body.appendChild(tr); });
  }

  /* Side by side */
  var hint = tools.querySelector(".compare-hint");
  var side = tools.querySelector(".compare-side");
  var boxes = Array.prototype.slice.call(tools.querySelectorAll(".compare-pick input[type=checkbox]"));
  boxes.forEach(function (box) {
    box.addEventListener("change", function () { picked(box); });
  });

  function chosen() {
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }

  function picked(box) {
    if (chosen().length > 3) {
      box.checked = false;
      hint.textContent = ui["pick-max"];
      return;
    }
    hint.textContent = chosen().length === 1 ? ui["pick-more"] : "";
    showSideBySide();
  }

  function loadSections(done) {
    if (window.compareSections) return done();
    var script = el("script", { src: data.sectionsScript });
    script.onload = done;
    document.body.appendChild(script);
  }

  function showSideBySide() {
    var ids = chosen();
    if (ids.length < 2) {
      side.textContent = "";
      return;
    }
    loadSections(function () {
      if (chosen().join() !== ids.join()) return;
      side.textContent = "";
      ids.forEach(function (id) {
        var tr = cells[id];
        var link = tr.cells[0].querySelector("a");
        var facts = el("dl", {});
        headers.forEach(function (th, column) {
          if (column === 0) return;
          facts.appendChild(el("dt", {}, [th.textContent.trim()]));
          facts.appendChild(el("dd", {}, [tr.cells[column].textContent.trim()]));
        });
        var section = el("section", { class: "compare-column", "data-model": id }, [
          el("h3", {}, [rows[id].name]),
          facts
        ]);
        data.sections.forEach(function (pair) {
          section.appendChild(el("h4", {}, [pair[1]]));
          var part = el("div", { class: "compare-section", "data-section": pair[0] });
          part.innerHTML = (window.compareSections[id] || {})[pair[0]] || "";
          section.appendChild(part);
        });
        if (link) section.appendChild(el("p", {}, [el("a", { href: link.getAttribute("href") }, [ui["read-more"] + ": " + rows[id].name])]));
        side.appendChild(section);
      });
    });
  }

  /* A reader coming back to the page may find the browser's remembered choices in the
     controls: apply them. The sort buttons come a task later: rewriting the header cells lays
     the table out again, and one long task on load is what a reader on a slow phone feels. */
  if (Object.keys(selects).some(function (name) { return selects[name].value; })) applyFilters();
  if (chosen().length > 1) showSideBySide();
  setTimeout(addSortButtons, 0);
})();
