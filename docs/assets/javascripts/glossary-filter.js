/* Glossary filter: hides the rows of the glossary table that do not contain what the
   reader types, in either language. The page carries an empty, hidden
   <div class="glossary-filter"> with its words in data attributes (from data/labels.yml);
   this script fills and shows it. Without JavaScript, and in print and the PDF, the
   glossary stays the plain table. */
(function () {
  "use strict"

  function normalise(text) {
    return text.toLocaleLowerCase().replace(/\s+/g, " ").trim()
  }

  function setUp(box) {
    var table = null
    for (var node = box.nextElementSibling; node && !table; node = node.nextElementSibling) {
      table = node.matches("table") ? node : node.querySelector("table")
    }
    if (!table || !table.tBodies.length) return
    var rows = Array.prototype.slice.call(table.tBodies[0].rows)
    var texts = rows.map(function (row) { return normalise(row.textContent) })

    var label = document.createElement("label")
    label.htmlFor = "glossary-filter-input"
    label.textContent = box.dataset.label
    var input = document.createElement("input")
    input.type = "search"
    input.id = "glossary-filter-input"
    input.autocomplete = "off"
    input.spellcheck = false
    var count = document.createElement("p")
    count.className = "glossary-filter__count"
    count.setAttribute("role", "status")
    count.setAttribute("aria-live", "polite")

    function update() {
      var query = normalise(input.value)
      var shown = 0
      rows.forEach(function (row, index) {
        var match = !query || texts[index].indexOf(query) !== -1
        row.hidden = !match
        if (match) shown += 1
      })
      count.textContent = box.dataset.count
        .replace("{shown}", String(shown))
        .replace("{total}", String(rows.length))
    }

    input.addEventListener("input", update)
    box.append(label, input, count)
    box.hidden = false
    update()
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".glossary-filter"), setUp)
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init)
  } else {
    init()
  }
})()
