// File inputs marked data-max-bytes warn before anything is sent: a file over that size (or, with
// data-max-total-bytes, files heavier together) is named at once, and the form is not submitted, instead of a long
// upload the server would refuse. The messages come translated from the page (data-too-large, data-too-large-together).
(function () {
    "use strict";
    document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
        var max = Number(input.dataset.maxBytes);
        var maxTotal = Number(input.dataset.maxTotalBytes || 0);
        var message = document.createElement("div");
        message.id = input.id + "-size";
        message.className = "invalid-feedback d-block";
        message.setAttribute("aria-live", "polite");
        input.insertAdjacentElement("afterend", message);
        input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + message.id).trim());

        input.addEventListener("change", function () {
            var problems = [];
            var total = 0;
            Array.prototype.forEach.call(input.files, function (file) {
                total += file.size;
                if (file.size > max) {
                    problems.push(input.dataset.tooLarge.replace("{0}", file.name));
                }
            });
            if (problems.length === 0 && maxTotal > 0 && total > maxTotal) {
                problems.push(input.dataset.tooLargeTogether);
            }
            var text = problems.join(" ");
            input.setCustomValidity(text);
            input.classList.toggle("is-invalid", text.length > 0);
            message.textContent = text;
        });

        // Forms marked novalidate skip the browser's own check: stop the upload here.
        if (input.form) {
            input.form.addEventListener("submit", function (event) {
                if (input.validationMessage) {
                    event.preventDefault();
                    input.focus();
                }
            });
        }
    });
})();
