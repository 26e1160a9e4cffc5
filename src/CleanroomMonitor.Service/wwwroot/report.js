// The report's Print link. A script file, not an onclick attribute: the Content-Security-Policy refuses inline handlers.
"use strict";
document.querySelectorAll("[data-print]").forEach(function (link) {
  link.addEventListener("click", function (event) {
    event.preventDefault();
    window.print();
  });
});
