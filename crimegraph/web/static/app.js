// Document page: clicking an event in the facts panel highlights its sentence in the text and scrolls to it.
(function () {
  "use strict";
  function select(id) {
    document.querySelectorAll(".evidence.active").forEach(function (el) { el.classList.remove("active"); });
    document.querySelectorAll(".event.selected").forEach(function (el) { el.classList.remove("selected"); });
    var pieces = Array.prototype.filter.call(document.querySelectorAll(".evidence"), function (el) {
      return (el.getAttribute("data-events") || "").split(" ").indexOf(id) >= 0;
    });
    pieces.forEach(function (el) { el.classList.add("active"); });
    var item = document.querySelector('.event[data-event="' + id + '"]');
    if (item) { item.classList.add("selected"); }
    if (pieces.length) { pieces[0].scrollIntoView({block: "center", behavior: "smooth"}); }
  }
  document.querySelectorAll(".event[data-event]").forEach(function (el) {
    var id = el.getAttribute("data-event");
    el.addEventListener("click", function () { select(id); history.replaceState(null, "", "#" + id); });
    el.addEventListener("keydown", function (e) { if (e.key === "Enter") { select(id); } });
  });
  if (location.hash && document.querySelector('.event[data-event="' + location.hash.slice(1) + '"]')) {
    select(location.hash.slice(1));
  }
})();
