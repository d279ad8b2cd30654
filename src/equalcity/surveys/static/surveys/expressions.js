/* The XLSForm expression subset, evaluated from the trees surveys/expressions.py parsed at
 * import. No eval, no Function: a tree walk. Kept in step with expressions.evaluate(); the
 * test suite runs both on the same cases (tests/surveys/test_expressions.py). */
(function (root) {
  "use strict";
  var NUMBER = /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/;
  function toNumber(v) {
    if (typeof v === "boolean") { return v ? 1 : 0; }
    if (typeof v === "number") { return v; }
    if (Array.isArray(v)) { v = v.join(" "); }
    return (typeof v === "string" && NUMBER.test(v)) ? parseFloat(v) : NaN;
  }
  function toStr(v) {
    if (typeof v === "boolean") { return v ? "true" : "false"; }
    if (typeof v === "number") { return isNaN(v) ? "NaN" : String(v); }
    if (Array.isArray(v)) { return v.join(" "); }
    return v === null || v === undefined ? "" : String(v);
  }
  function toBool(v) {
    if (typeof v === "boolean") { return v; }
    if (typeof v === "number") { return !isNaN(v) && v !== 0; }
    if (Array.isArray(v)) { return v.length > 0; }
    return !!v;
  }
  function compare(op, a, b) {
    if (typeof a === "boolean" || typeof b === "boolean") {
      if (op === "=") { return toBool(a) === toBool(b); }
      if (op === "!=") { return toBool(a) !== toBool(b); }
      return false;
    }
    if (op === "=" || op === "!=") {
      var x, y;
      if (typeof a === "number" || typeof b === "number") { x = toNumber(a); y = toNumber(b); }
      else { x = toStr(a); y = toStr(b); }
      return op === "=" ? x === y : x !== y;
    }
    var n = toNumber(a), m = toNumber(b);
    if (isNaN(n) || isNaN(m)) {
      var s = toStr(a), t = toStr(b);
      if (!s || !t || !(isNaN(n) && isNaN(m))) { return false; }
      n = s; m = t;
    }
    if (op === "<") { return n < m; }
    if (op === "<=") { return n <= m; }
    if (op === ">") { return n > m; }
    return n >= m;
  }
  function arith(op, a, b) {
    var x = toNumber(a), y = toNumber(b);
    if (op === "+") { return x + y; }
    if (op === "-") { return x - y; }
    if (op === "*") { return x * y; }
    if (op === "div") { return x / y; }
    return x % y;
  }
  function today(fixed) {
    if (fixed) { return fixed; }
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function chosen(v) { return Array.isArray(v) ? v : toStr(v).split(/\s+/).filter(Boolean); }
  function evaluate(node, lookup, current, column, fixedToday) {
    function ev(n) {
      switch (n[0]) {
        case "num": return Number(n[1]);
        case "str": return n[1];
        case "ref": return lookup(n[1]);
        case "cur": return current;
        case "col": return column ? column(n[1]) : "";
        case "neg": return -toNumber(ev(n[1]));
        case "bin":
          if (n[1] === "or") { return toBool(ev(n[2])) || toBool(ev(n[3])); }
          if (n[1] === "and") { return toBool(ev(n[2])) && toBool(ev(n[3])); }
          if (["=", "!=", "<", "<=", ">", ">="].indexOf(n[1]) >= 0) { return compare(n[1], ev(n[2]), ev(n[3])); }
          return arith(n[1], ev(n[2]), ev(n[3]));
        case "call":
          var name = n[1], args = n[2];
          if (name === "true") { return true; }
          if (name === "false") { return false; }
          if (name === "today") { return today(fixedToday); }
          if (name === "if") { return toBool(ev(args[0])) ? ev(args[1]) : ev(args[2]); }
          var v = args.map(ev);
          if (name === "not") { return !toBool(v[0]); }
          if (name === "selected") { return chosen(v[0]).indexOf(toStr(v[1])) >= 0; }
          if (name === "count-selected") { return chosen(v[0]).length; }
          if (name === "string-length") { return toStr(v[0]).length; }
          if (name === "coalesce") { return toStr(v[0]) ? v[0] : v[1]; }
          if (name === "number") { return toNumber(v[0]); }
          if (name === "int") { return Math.trunc(toNumber(v[0])); }
      }
      throw new Error("unsupported expression");
    }
    return ev(node);
  }

  var api = { evaluate: evaluate, toBool: toBool, toStr: toStr, toNumber: toNumber };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  else { root.EqualcityExpressions = api; }
})(this);
