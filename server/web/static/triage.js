// The product page's small helpers: filters apply as they change, and j/k/r/s keyboard shortcuts.
// Everything here is optional: without JavaScript the "Apply filters" button and plain links do the same.
(function () {
  "use strict";

  function autosubmit(form) {
    var timer = null;
    var submit = function () {
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    };
    form.addEventListener("change", function (event) {
      if (event.target.tagName === "SELECT") { submit(); }
    });
    form.addEventListener("input", function (event) {
      if (event.target.type !== "search") { return; }
      clearTimeout(timer);
      timer = setTimeout(submit, 600); // after typing pauses, not on every key
    });
  }

  function typing(target) {
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("tr[data-row]")); }

  function current(list) {
    for (var i = 0; i < list.length; i++) {
      if (list[i].classList.contains("is-current")) { return i; }
    }
    return -1;
  }

  function move(step) {
    var list = rows();
    if (!list.length) { return; }
    var at = current(list);
    var next = Math.min(list.length - 1, Math.max(0, at + step));
    if (at >= 0) { list[at].classList.remove("is-current"); }
    list[next].classList.add("is-current");
    var link = list[next].querySelector("a.row-link");
    if (link) { link.focus(); }
  }

  function currentLink() {
    var list = rows();
    var at = current(list);
    return at >= 0 ? list[at].querySelector("a.row-link") : null;
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var reply = document.getElementById("reply-body");
    var status = document.getElementById("status");
    if (event.key === "j" || event.key === "k") {
      move(event.key === "j" ? 1 : -1);
    } else if (event.key === "r") {
      if (reply) { reply.focus(); } else {
        var link = currentLink();
        if (link) { window.location.href = link.href + "#respond"; } else { return; }
      }
    } else if (event.key === "s") {
      if (status) { status.focus(); } else {
        var list = rows();
        var at = current(list);
        if (at >= 0) { list[at].querySelector("input[type=checkbox]").checked = true; }
        var bulk = document.getElementById("bulk-status");
        if (bulk) { bulk.focus(); } else { return; }
      }
    } else {
      return;
    }
    event.preventDefault();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-autosubmit]");
    for (var i = 0; i < forms.length; i++) { autosubmit(forms[i]); }
    document.addEventListener("keydown", onKey);
  });
  // "r" from the inbox lands here: after the browser has scrolled to the form (which would take focus back).
  window.addEventListener("load", function () {
    if (window.location.hash === "#respond") {
      var reply = document.getElementById("reply-body");
      if (reply) { reply.focus(); }
    }
  });
})();
