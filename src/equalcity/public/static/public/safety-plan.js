// The safety plan lives only in this browser (localStorage). It is never sent: there is no
// form to submit, and this script makes no request.
(function () {
  "use strict";
  var KEY = "equalcity.safetyPlan";

  function fields() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-plan-field]"));
  }

  function read() {
    try {
      return JSON.parse(window.localStorage.getItem(KEY) || "{}") || {};
    } catch (error) {
      return {};
    }
  }

  function save() {
    var plan = {};
    fields().forEach(function (field) {
      if (field.value) {
        plan[field.getAttribute("data-plan-field")] = field.value;
      }
    });
    try {
      if (Object.keys(plan).length) {
        window.localStorage.setItem(KEY, JSON.stringify(plan));
      } else {
        window.localStorage.removeItem(KEY);
      }
    } catch (error) {
      // storage refused (private mode): the plan simply is not kept
    }
  }

  function start() {
    var root = document.querySelector("[data-safety-plan]");
    if (!root) {
      return;
    }
    var plan = read();
    fields().forEach(function (field) {
      field.value = plan[field.getAttribute("data-plan-field")] || "";
      field.addEventListener("input", save);
    });
    var actions = document.querySelector("[data-plan-actions]");
    var status = document.querySelector("[data-plan-status]");
    actions.hidden = false;
    document.querySelector("[data-plan-print]").addEventListener("click", function () {
      window.print();
    });
    document.querySelector("[data-plan-clear]").addEventListener("click", function () {
      window.localStorage.removeItem(KEY);
      fields().forEach(function (field) {
        field.value = "";
      });
      status.textContent = status.getAttribute("data-cleared") || "";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
