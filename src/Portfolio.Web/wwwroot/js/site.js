// Forms marked data-warn-unsaved warn before the page is left with changes that were not saved.
(function () {
    "use strict";
    document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
        var dirty = false;
        form.addEventListener("input", function () { dirty = true; });
        form.addEventListener("change", function () { dirty = true; });
        form.addEventListener("submit", function () { dirty = false; });
        window.addEventListener("beforeunload", function (event) {
            if (dirty) {
                event.preventDefault();
                event.returnValue = "";
            }
        });
    });
})();

// Progress bars carry their value in data-progress: the Content-Security-Policy refuses style attributes, not styles
// set from a script.
document.querySelectorAll(".progress-bar[data-progress]").forEach(function (bar) {
    bar.style.width = bar.getAttribute("data-progress") + "%";
});
