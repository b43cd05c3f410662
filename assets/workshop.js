// The student's workshop store: everything a student makes on the static book (cut cards, cases,
// practice answers, widget settings) kept in this browser's localStorage under versioned keys
// "debatekit:v1:<area>", and the loader of the workshop tools (assets/workshop/*.mjs).
// Loaded on every page before the widgets draw, so widgets reach it as globalThis.debatekitWork
// through the anywidget model API (persist) without importing anything; where it is absent
// (JupyterLab) they simply keep their notebook state. A failed write is never silent: the page
// shows an alert saying what was not kept and how to save it (My work → Export).
(function () {
  "use strict";
  if (window.debatekitWork) return;

  var PREFIX = "debatekit:v1:";
  var AREAS = ["cards", "cases", "practice", "widgets"];
  var EMPTY = { cards: [], cases: [], practice: {}, widgets: {} };
  var script = document.currentScript;
  var staticBase = script && script.src ? script.src.replace(/[^/]*(\?.*)?$/, "") : "_static/";
  var root = staticBase.replace(/_static\/$/, "");
  var listeners = [];
  var lastError = null;

  var usable = null; // localStorage once it proved writable on this page, false if it did not

  function storage() {
    if (usable === null) {
      try {
        var s = window.localStorage;
        s.setItem(PREFIX + "probe", "1");
        s.removeItem(PREFIX + "probe");
        usable = s;
      } catch (e) {
        usable = false;
      }
    }
    return usable || null;
  }

  function describe(error) {
    var name = (error && error.name) || "";
    if (/quota/i.test(name) || (error && error.code === 22)) {
      return "this browser's storage for the book is full";
    }
    return "this browser does not let the book keep data (a private window, or site data turned off)";
  }

  function alertBox() {
    var box = document.getElementById("dk-store-alert");
    if (box) return box;
    box = document.createElement("div");
    box.id = "dk-store-alert";
    box.className = "dk-store-alert";
    box.setAttribute("role", "alert");
    var main = document.querySelector("main #main-content, main, body");
    main.insertBefore(box, main.firstChild);
    return box;
  }

  // Say on the page that work was not kept, and why. Never silent.
  function report(what, error) {
    lastError = { what: what, reason: describe(error) };
    var show = function () {
      var box = alertBox();
      box.textContent = "Not saved: " + what + ", because " + lastError.reason + ". What you see on this page " +
        "is still here; before you close it, open My work and export a backup file (or copy your text).";
    };
    if (document.body) show();
    else document.addEventListener("DOMContentLoaded", show);
    return false;
  }

  function read(area) {
    var s = storage();
    var fallback = JSON.parse(JSON.stringify(EMPTY[area]));
    if (!s) return fallback;
    var raw = s.getItem(PREFIX + area);
    if (raw === null) return fallback;
    try {
      var value = JSON.parse(raw);
      return Array.isArray(fallback) === Array.isArray(value) && value && typeof value === "object" ? value : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function write(area, value, what) {
    if (AREAS.indexOf(area) < 0) throw new Error("unknown workshop area " + area);
    var s = storage();
    if (!s) return report(what || "your " + area, null);
    try {
      s.setItem(PREFIX + area, JSON.stringify(value));
    } catch (e) {
      return report(what || "your " + area, e);
    }
    var box = document.getElementById("dk-store-alert");
    if (box && lastError) box.textContent = "Saved again: your work is kept in this browser.";
    lastError = null;
    notify(area);
    return true;
  }

  // Read, change and write one area in one step (read fresh, so another tab's changes are kept).
  function update(area, change, what) {
    var value = read(area);
    var next = change(value);
    return write(area, next === undefined ? value : next, what);
  }

  function notify(area) {
    listeners.forEach(function (l) {
      if (!l.area || l.area === area) l.fn(area);
    });
  }

  function on(area, fn) {
    listeners.push({ area: area, fn: fn });
  }

  window.addEventListener("storage", function (event) {
    if (event.key && event.key.indexOf(PREFIX) === 0) notify(event.key.slice(PREFIX.length));
  });

  // The page's path from the book's root ("book/chapters/<article>.html"): the same on every computer.
  function pagePath() {
    var here = location.href.split("#")[0].split("?")[0];
    return here.indexOf(root) === 0 ? here.slice(root.length) : location.pathname;
  }

  function pageTitle() {
    var h1 = document.querySelector("main h1");
    return (h1 ? h1.textContent : document.title).replace(/[#¶]\s*$/, "").trim();
  }

  function stamp(values) {
    return JSON.stringify(values);
  }

  // Keep a widget's student-changed traits (``keys``) across reloads: restore them into the model
  // when the page still shows the same widget as when they were saved (``base``: the traits as the
  // book built them), then save on every change. area "practice" records a question's answer.
  function persist(model, options) {
    var area = options.area || "widgets";
    var key = area === "practice" ? options.id : pagePath() + "|" + options.widget + "|" + options.id;
    var keys = options.keys;
    var current = function () {
      var values = {};
      keys.forEach(function (k) { values[k] = model.get(k); });
      return values;
    };
    var base = stamp(current());
    var saved = read(area)[key];
    if (saved && saved.values && (area === "practice" || saved.base === base)) {
      keys.forEach(function (k) {
        if (k in saved.values && saved.values[k] !== null) model.set(k, saved.values[k]);
      });
      model.save_changes();
    }
    var save = function () {
      update(area, function (all) {
        var old = all[key] || {};
        all[key] = Object.assign({}, old, {
          widget: options.widget, id: options.id, page: pagePath(), title: pageTitle(),
          base: old.base || base, values: current(), at: new Date().toISOString(),
        });
      }, "your changes to " + (options.label || "this widget"));
    };
    keys.forEach(function (k) { model.on("change:" + k, save); });
    return save;
  }

  // A practice question was checked: keep its outcome with the answer it judged.
  function recordCheck(id, status, answer) {
    return update("practice", function (all) {
      var old = all[id] || { values: { answer: answer } };
      all[id] = Object.assign({}, old, {
        widget: "question", id: id, page: pagePath(), title: pageTitle(),
        values: { answer: answer }, checked: { status: status, answer: answer }, at: new Date().toISOString(),
      });
    }, "the result of your check");
  }

  window.debatekitWork = {
    version: 1, prefix: PREFIX, areas: AREAS, root: root, staticBase: staticBase,
    available: function () { return storage() !== null; },
    read: read, write: write, update: update, on: on, report: report,
    persist: persist, recordCheck: recordCheck, pagePath: pagePath, pageTitle: pageTitle,
  };

  function start() {
    if (!document.querySelector("[data-dk-workshop]")) return;
    import(staticBase + "workshop/main.mjs").catch(function (e) {
      console.error("debatekit workshop tools did not load", e);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
