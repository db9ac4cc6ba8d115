/* The chooser on the choose page. The build renders the form and the decision data
   (data/choose.yml, scripts/chooser.py); this script scores the answers the same way as
   chooser.rank/combination, keeps them in the URL (share, reload, back button) and shows the
   ranking in a live region. No framework, nothing fetched: it works from file:// too. */
(function () {
  "use strict";
  var root = document.getElementById("chooser-app");
  var source = document.getElementById("chooser-data");
  if (!root || !source) return;
  var data = JSON.parse(source.textContent);
  var ui = data.ui;
  var form = document.getElementById("chooser-form");
  var output = document.getElementById("chooser-output");
  var order = data.models.map(function (m) { return m.id; });
  var byId = {};
  data.models.forEach(function (m) { byId[m.id] = m; });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function inputs(question) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="' + question.id + '"]'));
  }

  function readForm() {
    var answers = {};
    data.questions.forEach(function (q) {
      var chosen = inputs(q).filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      if (chosen.length) answers[q.id] = chosen;
    });
    return answers;
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var answers = {};
    data.questions.forEach(function (q) {
      var value = params.get(q.id);
      if (value) answers[q.id] = value.split(",");
    });
    return answers;
  }

  function fillForm(answers) {
    data.questions.forEach(function (q) {
      var chosen = answers[q.id] || [];
      inputs(q).forEach(function (i) { i.checked = chosen.indexOf(i.value) >= 0; });
    });
  }

  function writeUrl(answers) {
    var params = new URLSearchParams(window.location.search);
    data.questions.forEach(function (q) {
      if (answers[q.id]) params.set(q.id, answers[q.id].join(","));
      else params.delete(q.id);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try {
      window.history.pushState(null, "", url);
    } catch (error) {
      /* Some browsers refuse history entries for file:// pages; the chooser still works. */
    }
    carryToOtherLanguage();
  }

  /* The language switcher keeps the answers: the other language opens on the same result. */
  function carryToOtherLanguage() {
    Array.prototype.forEach.call(document.querySelectorAll("a[hreflang]"), function (link) {
      var target = link.getAttribute("href").split("?")[0].split("#")[0];
      link.setAttribute("href", target + window.location.search);
    });
  }

  function score(answers) {
    var totals = {};
    var reasons = {};
    order.forEach(function (id) { totals[id] = 0; reasons[id] = []; });
    data.questions.forEach(function (q) {
      q.options.forEach(function (o) {
        if ((answers[q.id] || []).indexOf(o.id) < 0) return;
        o.points.forEach(function (p) {
          totals[p[0]] += p[1];
          reasons[p[0]].push({ weight: p[1], option: o.text, text: p[2] });
        });
      });
    });
    var ranked = order.slice().sort(function (a, b) {
      return totals[b] - totals[a] || order.indexOf(a) - order.indexOf(b);
    });
    return { totals: totals, reasons: reasons, ranked: ranked };
  }

  function combination(result) {
    var base = null;
    var addOns = [];
    var seen = {};
    seen[data.base] = true;
    result.ranked.forEach(function (id) {
      var dimension = byId[id].dimension;
      if (!base && dimension === data.base && result.totals[id] > 0) base = id;
      if (!seen[dimension] && result.totals[id] >= data.threshold) addOns.push(id);
      seen[dimension] = true;
    });
    return { base: base, addOns: addOns };
  }

  function modelLink(id) {
    return el("a", { href: byId[id].href }, [byId[id].name]);
  }

  function render(answers) {
    output.textContent = "";
    if (!Object.keys(answers).length) {
      output.appendChild(el("p", {}, [ui.empty]));
      return;
    }
    var result = score(answers);
    var combo = combination(result);
    var top = Math.max(1, result.totals[result.ranked[0]]);
    var chinese = document.documentElement.lang.indexOf("zh") === 0;
    var separator = chinese ? "、" : ", ";
    var colon = chinese ? "：" : ": ";
    output.appendChild(el("p", { class: "chooser-status" }, [
      ui.status + " " + result.ranked.slice(0, 3).map(function (id) { return byId[id].name; }).join(separator)
    ]));
    var addOns = combo.addOns.length ? [] : [ui.none];
    combo.addOns.forEach(function (id, index) {
      if (index) addOns.push(separator);
      addOns.push(modelLink(id));
    });
    output.appendChild(el("div", { class: "chooser-combination" }, [
      el("h4", {}, [ui.combination]),
      el("ul", {}, [
        el("li", { "data-role": "base" }, [ui.base + colon].concat(combo.base ? [modelLink(combo.base)] : [ui.none])),
        el("li", { "data-role": "add-ons" }, [ui.addons + colon].concat(addOns))
      ]),
      el("p", {}, [ui["combination-note"]])
    ]));
    var list = el("ol", { class: "chooser-ranking" });
    result.ranked.forEach(function (id, index) {
      var total = result.totals[id];
      var bar = el("span", { class: "chooser-bar", "aria-hidden": "true" }, [el("span", {})]);
      bar.firstChild.style.width = Math.max(0, Math.round((100 * total) / top)) + "%";
      var why = result.reasons[id].slice().sort(function (a, b) { return Math.abs(b.weight) - Math.abs(a.weight); });
      var details = el("details", { class: "chooser-why" }, [
        el("summary", {}, [ui.reasons]),
        el("ul", {}, why.map(function (r) {
          return el("li", { class: r.weight > 0 ? "plus" : "minus" }, [
            (r.weight > 0 ? "+" : "−") + Math.abs(r.weight) + " " + r.option + colon + r.text
          ]);
        }))
      ]);
      if (index < 3) details.open = true;
      list.appendChild(el("li", { "data-model": id, "data-score": String(total) }, [
        el("a", { href: byId[id].href }, [byId[id].name + " · " + ui["when-to-use"]]),
        el("span", { class: "chooser-score" }, [ui.score + " " + total]),
        bar
      ].concat(why.length ? [details] : [])));
    });
    output.appendChild(list);
  }

  form.addEventListener("change", function () {
    var answers = readForm();
    writeUrl(answers);
    render(answers);
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () {
      writeUrl({});
      render({});
    });
  });
  window.addEventListener("popstate", function () {
    carryToOtherLanguage();
    var answers = readUrl();
    fillForm(answers);
    render(answers);
  });

  Array.prototype.forEach.call(form.querySelectorAll("fieldset, button"), function (node) { node.disabled = false; });
  var note = root.querySelector(".chooser-nojs");
  if (note) note.remove();
  root.querySelector(".chooser-results").hidden = false;
  var initial = readUrl();
  carryToOtherLanguage();
  fillForm(initial);
  render(initial);
})();
