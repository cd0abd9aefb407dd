// Follows background job runs still queued or running (a portfolio export, a jury pack): every 2 s it asks for their
// state (JSON) and updates the row in place, announcing only the end (ready or failed) through the page's status region
// (#job-live), so that screen readers are not flooded. A row shows only the fields it has.
(function () {
    "use strict";
    var live = document.getElementById("job-live");
    document.querySelectorAll("tr[data-active='true']").forEach(function (row) {
        var url = row.getAttribute("data-status-url");
        var field = function (name) { return row.querySelector("[data-field='" + name + "']"); };
        var set = function (name, text) { var f = field(name); if (f) { f.textContent = text; } };
        var timer = setInterval(poll, 2000);
        function poll() {
            fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
                .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
                .then(update)
                .catch(function () { clearInterval(timer); });
        }
        function update(s) {
            set("state", s.state);
            set("step", s.step || "");
            set("error", s.error || "");
            set("restart", s.restart || "");
            var bar = field("progress");
            bar.setAttribute("aria-valuenow", s.progress);
            bar.setAttribute("aria-valuetext", s.progressText);
            bar.firstElementChild.style.width = s.progress + "%";
            set("progress-text", s.progressText);
            set("expires", s.expires || "—");
            if (s.active) {
                return;
            }
            clearInterval(timer);
            var cell = field("download");
            if (cell && s.downloadUrl) {
                var link = document.createElement("a");
                link.href = s.downloadUrl;
                link.setAttribute("download", "");
                link.textContent = s.downloadText;
                cell.replaceChildren(link);
            }
            if (s.announcement) {
                live.textContent = s.announcement;
            }
        }
    });
})();
