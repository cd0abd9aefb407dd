// The timer of a co-development step. The run-sheet works without it (planned durations are written on the page); with
// it, the runner starts, pauses and resumes a countdown with ordinary buttons (keyboard included). The time left is
// shown every second but announced politely (aria-live) only at the start, at each fifth minute, at the last minute
// and at the end, so that a screen reader is not interrupted every second.
(function () {
    "use strict";
    document.querySelectorAll("[data-codev-timer]").forEach(function (box) {
        var total = parseInt(box.getAttribute("data-minutes"), 10) * 60;
        var left = total;
        var ticking = null;
        var text = function (name) { return box.getAttribute("data-" + name) || ""; };

        var clock = document.createElement("p");
        clock.className = "fs-3 fw-bold mb-1 codev-clock";
        clock.setAttribute("role", "timer");
        clock.setAttribute("aria-label", text("label-timer"));
        var toggle = document.createElement("button");
        toggle.type = "button";
        toggle.className = "btn btn-outline-primary btn-sm";
        toggle.textContent = text("label-start");
        var spoken = document.createElement("p");
        spoken.className = "visually-hidden";
        spoken.setAttribute("aria-live", "polite");
        box.append(clock, toggle, spoken);

        function show() {
            var shown = Math.abs(left);
            var mm = Math.floor(shown / 60), ss = shown % 60;
            clock.textContent = (left < 0 ? "-" : "") + mm + ":" + (ss < 10 ? "0" : "") + ss;
            // Overtime is said in words too, never by colour alone.
            clock.classList.toggle("text-danger", left < 0);
        }
        function say(message) { spoken.textContent = message; }
        function tick() {
            left -= 1;
            show();
            if (left === 0) {
                say(text("text-over"));
            } else if (left > 0 && left % 60 === 0) {
                var minutes = left / 60;
                if (minutes === 1) {
                    say(text("text-left-one"));
                } else if (minutes % 5 === 0) {
                    say(text("text-left-many").replace("{0}", minutes));
                }
            }
        }
        toggle.addEventListener("click", function () {
            if (ticking === null) {
                say(left === total ? text("text-started").replace("{0}", total / 60) : text("text-left-many").replace("{0}", Math.max(0, Math.ceil(left / 60))));
                ticking = window.setInterval(tick, 1000);
                toggle.textContent = text("label-pause");
            } else {
                window.clearInterval(ticking);
                ticking = null;
                say(text("text-paused"));
                toggle.textContent = text("label-resume");
            }
        });
        show();
    });
})();
