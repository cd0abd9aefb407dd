// Keeps a feedback draft while the peer writes: a few seconds after the last change, the form is posted to its
// data-autosave address (the same save as "Enregistrer le brouillon"), and the new row version arms the form for the
// next save. A conflict or a refusal is told in the status line; the buttons keep working without this script.
(function () {
    "use strict";
    var form = document.querySelector("form[data-autosave]");
    if (!form || !window.fetch || !window.FormData) { return; }
    var status = document.getElementById("autosave-status");
    var version = form.querySelector("input[name='Input.RowVersion']");
    var timer = null, saving = false, again = false;
    function save() {
        if (saving) { again = true; return; }
        saving = true;
        fetch(form.getAttribute("data-autosave"), { method: "POST", body: new FormData(form), credentials: "same-origin" })
            .then(function (response) {
                return response.json().then(function (body) { return { ok: response.ok, body: body }; }, function () { return { ok: false, body: {} }; });
            })
            .then(function (result) {
                if (result.ok && version) { version.value = result.body.rowVersion; }
                if (status && result.body.message) { status.textContent = result.body.message; }
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
