/* The respondent's form: skip logic, constraints and choice filters evaluated from the
 * expression trees the server parsed at import (no eval, no Function), a draft kept in
 * localStorage, and a send that is retried when the connection comes back. The server
 * checks everything again and decides. Kept in step with surveys/expressions.py. */
(function () {
  "use strict";

  var dataNode = document.getElementById("survey-client");
  var form = document.querySelector("[data-survey-form]");
  if (!dataNode || !form) { return; }
  var client = JSON.parse(dataNode.textContent);
  var status = document.querySelector("[data-survey-status]");
  var storeKey = "equalcity-survey:" + client.survey;

  var expressions = window.EqualcityExpressions;
  var evaluate = expressions.evaluate, toBool = expressions.toBool, toStr = expressions.toStr;

  // --- the definition and the page -----------------------------------------------------
  var items = {};
  var consentItem = null;
  (function index(list, repeat) {
    list.forEach(function (item) {
      items[item.name] = item;
      if (item.consent) { consentItem = item; }
      if (item.children) { index(item.children, item.type === "repeat" ? item.name : repeat); }
    });
  })(client.definition, "");

  function fieldValue(key, item) {
    var inputs = form.querySelectorAll('[name="' + key + '"]');
    if (item.type === "select_multiple") {
      return Array.prototype.filter.call(inputs, function (i) { return i.checked; }).map(function (i) { return i.value; });
    }
    if (item.type === "select_one" || item.type === "acknowledge") {
      var on = Array.prototype.find.call(inputs, function (i) { return i.checked; });
      return on ? on.value : "";
    }
    return inputs.length ? inputs[0].value.trim() : "";
  }

  function collect() {
    var data = {};
    function read(list, prefix, target) {
      list.forEach(function (item) {
        if (item.type === "group") { read(item.children, prefix, target); }
        else if (item.type === "repeat") {
          target[item.name] = [];
          form.querySelectorAll('[data-item="' + item.name + '"] [data-repeat-instance]').forEach(function (box, i) {
            var inner = {};
            read(item.children, item.name + "." + i + ".", inner);
            target[item.name].push(inner);
          });
        } else if (item.type !== "note" && item.type !== "calculate") {
          target[item.name] = fieldValue(prefix + item.name, item);
        }
      });
    }
    read(client.definition, "", data);
    return data;
  }

  function lookupIn(data, instance, repeatName) {
    return function (name) {
      var item = items[name];
      if (item && item.type === "calculate") {
        return toStr(evaluate(item.calculation, lookupIn(data, instance, repeatName)));
      }
      if (instance && item && item.repeat === repeatName && name in instance) { return instance[name]; }
      return name in data ? data[name] : "";
    };
  }

  function consentOk(data) {
    if (!consentItem) { return true; }
    return ["ok", "yes", "1", "true"].indexOf(toStr(data[consentItem.name]).toLowerCase()) >= 0;
  }

  // Show or hide every item, filter choices, and (when asked) check answers. Returns the
  // number of problems found.
  function refresh(check) {
    var data = collect();
    var problems = 0;
    var gated = !consentOk(data);
    function walk(list, prefix, instance, repeatName, shown) {
      list.forEach(function (item) {
        if (item.type === "calculate") { return; }
        var key = prefix + item.name;
        var box = form.querySelector('[data-key="' + key + '"]');
        var lookup = lookupIn(data, instance, repeatName);
        var relevant = shown && (!item.relevant || toBool(evaluate(item.relevant, lookup)));
        if (gated && item !== consentItem) { relevant = false; }
        if (box) { box.hidden = !relevant; }
        if (item.type === "group") { walk(item.children, prefix, instance, repeatName, relevant); return; }
        if (item.type === "repeat") {
          (data[item.name] || []).forEach(function (inner, i) {
            walk(item.children, item.name + "." + i + ".", inner, item.name, relevant);
          });
          return;
        }
        if (!box || item.type === "note") { return; }
        var value = instance ? instance[item.name] : data[item.name];
        if (item.choice_filter) {
          box.querySelectorAll("[data-choice]").forEach(function (choiceBox) {
            var choice = item.choices.filter(function (c) { return c.name === choiceBox.dataset.choice; })[0];
            var keep = toBool(evaluate(item.choice_filter, lookup, undefined, function (col) {
              return col === "name" ? choice.name : (choice.columns[col] || "");
            }));
            choiceBox.hidden = !keep;
            if (!keep) { choiceBox.querySelector("input").checked = false; }
          });
        }
        var error = box.querySelector("[data-error]");
        if (!check || !error) { return; }
        var message = "";
        var empty = Array.isArray(value) ? value.length === 0 : value === "";
        if (relevant) {
          if (empty && (item.required || item.consent)) {
            message = text(item.required_message) || form.dataset.msgRequired;
          } else if (!empty && item.constraint && !toBool(evaluate(item.constraint, lookup, value))) {
            message = text(item.constraint_message) || form.dataset.msgConstraint;
          }
        }
        error.textContent = message;
        box.classList.toggle("survey-question--error", !!message);
        if (message) { problems += 1; }
      });
    }
    walk(client.definition, "", null, "", true);
    return problems;
  }

  function text(texts) {
    if (!texts) { return ""; }
    return texts[client.language_key] || texts["default"] || Object.keys(texts).map(function (k) { return texts[k]; })[0] || "";
  }

  // --- draft and sending -----------------------------------------------------------------
  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { return null; }
  }
  function save(extra) {
    var draft = load() || {};
    draft.id = draft.id || (window.crypto && crypto.randomUUID ? crypto.randomUUID() : form.querySelector("[data-submission-id]").value);
    draft.data = collect();
    Object.keys(extra || {}).forEach(function (k) { draft[k] = extra[k]; });
    try { localStorage.setItem(storeKey, JSON.stringify(draft)); } catch (e) { /* storage full or off */ }
    return draft;
  }

  function addInstance(repeatBox) {
    var instances = repeatBox.querySelectorAll("[data-repeat-instance]");
    var last = instances[instances.length - 1];
    var index = instances.length;
    var name = repeatBox.dataset.item;
    var copy = last.cloneNode(true);
    copy.dataset.repeatInstance = String(index);
    var from = name + "." + (index - 1) + ".", to = name + "." + index + ".";
    var fromId = "q-" + from.replace(/\./g, "-"), toId = "q-" + to.replace(/\./g, "-");
    copy.querySelectorAll("*").forEach(function (el) {
      ["name", "id", "for", "aria-describedby", "data-key"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v) { el.setAttribute(attr, v.split(from).join(to).split(fromId).join(toId)); }
      });
      if (el.matches("input[type=checkbox], input[type=radio]")) { el.checked = false; }
      else if (el.matches("input, textarea")) { el.value = ""; }
      if (el.matches("[data-error]")) { el.textContent = ""; }
    });
    last.after(copy);
    repeatBox.querySelector("[data-repeat-count]").value = String(index + 1);
    return copy;
  }

  function restore(draft) {
    if (!draft || !draft.data) { return; }
    function put(list, prefix, source) {
      list.forEach(function (item) {
        if (item.type === "group") { put(item.children, prefix, source); return; }
        if (item.type === "repeat") {
          var box = form.querySelector('[data-item="' + item.name + '"][data-repeat]');
          (source[item.name] || []).forEach(function (inner, i) {
            if (box && i >= box.querySelectorAll("[data-repeat-instance]").length) { addInstance(box); }
            put(item.children, item.name + "." + i + ".", inner);
          });
          return;
        }
        if (!(item.name in source)) { return; }
        var value = source[item.name];
        form.querySelectorAll('[name="' + prefix + item.name + '"]').forEach(function (input) {
          if (input.type === "checkbox" || input.type === "radio") {
            input.checked = Array.isArray(value) ? value.indexOf(input.value) >= 0 : input.value === value;
          } else { input.value = value; }
        });
      });
    }
    put(client.definition, "", draft.data);
  }

  function say(message) { if (status) { status.textContent = message; } }

  var sending = false;
  function send() {
    var draft = load();
    if (!draft || !draft.pending || sending) { return; }
    if (!navigator.onLine) { say(form.dataset.msgOffline); return; }
    sending = true;
    fetch(client.endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ id: draft.id, language: client.language, data: draft.data }),
    }).then(function (response) {
      return response.json().then(function (body) { return { response: response, body: body }; });
    }).then(function (result) {
      sending = false;
      if (result.response.status === 200 || result.response.status === 201) {
        localStorage.removeItem(storeKey);
        window.location.assign(client.thanks);
        return;
      }
      save({ pending: false });
      var errors = result.body.errors || {};
      Object.keys(errors).forEach(function (key) {
        var box = form.querySelector('[data-key="' + key + '"] [data-error]');
        if (box) { box.textContent = errors[key]; }
      });
      say(result.body.message || "");
    }).catch(function () {
      sending = false;
      say(form.dataset.msgOffline);
    });
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-repeat]");
    if (!button) { return; }
    event.preventDefault();
    var copy = addInstance(button.closest("[data-repeat]"));
    refresh(false);
    save();
    var first = copy.querySelector("input, textarea");
    if (first) { first.focus(); }
  });
  form.addEventListener("input", function () { refresh(false); save(); });
  form.addEventListener("change", function () { refresh(false); save(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var problems = refresh(true);
    if (problems) {
      say(form.dataset.msgProblems);
      var first = form.querySelector(".survey-question--error:not([hidden]) input, .survey-question--error:not([hidden]) textarea");
      if (first) { first.focus(); }
      return;
    }
    save({ pending: true });
    say(form.dataset.msgSending);
    send();
  });
  window.addEventListener("online", send);

  var draft = load();
  restore(draft);
  refresh(false);
  if (draft && draft.pending) { say(form.dataset.msgPending); send(); }
  else if (draft && draft.data) { say(form.dataset.msgRestored); }
})();
