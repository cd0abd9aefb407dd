// Follows the runs still queued or running: every 2 s it asks for their state (JSON) and updates the row in place,
// announcing only the end (ready or failed) through the status region, so that screen readers are not flooded.
(function () {
    "use strict";
    var live = document.getElementById("export-live");
    document.querySelectorAll("tr[data-active='true']").forEach(function (row) {
        var url = row.getAttribute("data-status-url");
        var field = function (name) { return row.querySelector("[data-field='" + name + "']"); };
        var timer = setInterval(poll, 2000);
        function poll() {
            fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
                .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
                .then(update)
                .catch(function () { clearInterval(timer); });
        }
        function update(s) {
            field("state").textContent = s.state;
            field("step").textContent = s.step || "";
            field("error").textContent = s.error || "";
            field("restart").textContent = s.restart || "";
            var bar = field("progress");
            bar.setAttribute("aria-valuenow", s.progress);
            bar.setAttribute("aria-valuetext", s.progressText);
            bar.firstElementChild.style.width = s.progress + "%";
            field("progress-text").textContent = s.progressText;
            field("expires").textContent = s.expires || "—";
            if (s.active) {
                return;
            }
            clearInterval(timer);
            var cell = field("download");
            if (s.downloadUrl) {
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
