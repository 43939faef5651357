// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";
  // Queue filters: apply on change (the form still has a submit button).
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
  });
  // Case page: hovering or focusing an extracted field lights up its marks in the letter.
  function light(field, on) {
    document.querySelectorAll("mark[data-fields]").forEach(function (m) {
      if (m.getAttribute("data-fields").split(" ").indexOf(field) >= 0) { m.classList.toggle("active", on); }
    });
  }
  document.querySelectorAll("[data-field]").forEach(function (el) {
    var f = el.getAttribute("data-field");
    ["mouseenter", "focusin"].forEach(function (ev) { el.addEventListener(ev, function () { light(f, true); }); });
    ["mouseleave", "focusout"].forEach(function (ev) { el.addEventListener(ev, function () { light(f, false); }); });
  });
  // Decision form: show the override-reason box only when it is needed.
  var outcome = document.getElementById("f-outcome");
  var override = document.getElementById("override-box");
  if (outcome && override) {
    var rec = outcome.getAttribute("data-recommendation");
    var sync = function () { override.hidden = !(rec && outcome.value && outcome.value !== rec); };
    outcome.addEventListener("change", sync); sync();
  }
})();
