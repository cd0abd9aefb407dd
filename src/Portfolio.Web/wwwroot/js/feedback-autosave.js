// Keeps a feedback draft while the peer writes: a few seconds after the last change, the form is posted to its
// data-autosave address (the same save as "Enregistrer le brouillon"). Saved: 204 with the new row version in a header,
// which arms the form for the next save; refused or changed elsewhere: 200 with the reason, told in the status line.
// The buttons keep working without this script.
(function () {
    "use strict";
    var form = document.querySelector("form[data-autosave]");
    if (!form || !window.fetch || !window.FormData) { return; }
    var status = document.getElementById("autosave-status");
    var version = form.querySelector("input[name='Input.RowVersion']");
    var timer = null, saving = false, again = false;
    function tell(text) { if (status && text) { status.textContent = text; } }
    function save() {
        if (saving) { again = true; return; }
        saving = true;
        fetch(form.getAttribute("data-autosave"), { method: "POST", body: new FormData(form), credentials: "same-origin" })
            .then(function (response) {
                if (response.status === 204) {
                    if (version) { version.value = response.headers.get("X-Row-Version"); }
                    tell(form.getAttribute("data-saved-message") + " " + new Date().toLocaleTimeString());
                    return null;
                }
                return response.json().then(function (body) { tell(body.message); }, function () { /* not JSON: leave the line */ });
            })
            .catch(function () { /* Offline: the buttons still save. */ })
            .then(function () {
                saving = false;
                if (again) { again = false; save(); }
            });
    }
    function schedule() {
        if (timer) { clearTimeout(timer); }
        timer = setTimeout(save, 2000);
    }
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("submit", function () { if (timer) { clearTimeout(timer); } });
})();
