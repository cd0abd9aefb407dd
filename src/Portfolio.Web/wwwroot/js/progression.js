// Draws the progression charts from the JSON the page embeds; the tables beside them hold the same data.
(function () {
    "use strict";
    var source = document.getElementById("progression-data");
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    // Colour-blind-safe palette (Okabe-Ito), dark enough against white.
    var colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];
    function colour(i, alpha) {
        var hex = colours[i % colours.length];
        var n = parseInt(hex.slice(1), 16);
        return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
    }
    var scale = { min: 0, max: data.maxLevel, ticks: { stepSize: 1 } };
    new Chart(document.getElementById("radar"), {
        type: "radar",
        data: {
            labels: data.pillars,
            datasets: data.campaigns.map(function (c, i) {
                return { label: c.name, data: c.pillarAverages, borderColor: colour(i, 1), backgroundColor: colour(i, 0.15), pointStyle: ["circle", "rect", "triangle", "star"][i % 4] };
            })
        },
        options: { animation: false, scales: { r: scale } }
    });
    new Chart(document.getElementById("history"), {
        type: "bar",
        data: {
            labels: data.objectives,
            datasets: data.campaigns.map(function (c, i) {
                return { label: c.name, data: c.objectiveLevels, backgroundColor: colour(i, 0.8) };
            })
        },
        options: { animation: false, scales: { y: scale } }
    });
})();
