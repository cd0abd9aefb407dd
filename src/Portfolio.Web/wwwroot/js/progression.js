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
    // "P1 — La gouvernance publique et le pilotage" over lines of about 28 characters: Chart.js draws an array as lines.
    function pillarLabel(p) {
        var lines = [], line = p.code + " —";
        p.title.split(/\s+/).forEach(function (word) {
            if ((line + " " + word).length > 28 && line.length > 0) { lines.push(line); line = word; }
            else { line = line.length > 0 ? line + " " + word : word; }
        });
        lines.push(line);
        return lines;
    }
    var scale = { min: 0, max: data.maxLevel, ticks: { stepSize: 1 } };
    var radar = data.pillarChart === "radar";
    new Chart(document.getElementById("pillar-chart"), {
        type: radar ? "radar" : "bar",
        data: {
            labels: data.pillars.map(pillarLabel),
            datasets: data.campaigns.map(function (c, i) {
                return radar
                    ? { label: c.name, data: c.pillarAverages, borderColor: colour(i, 1), backgroundColor: colour(i, 0.15), pointStyle: ["circle", "rect", "triangle", "star"][i % 4] }
                    : { label: c.name, data: c.pillarAverages, backgroundColor: colour(i, 0.8) };
            })
        },
        options: {
            animation: false,
            scales: radar ? { r: Object.assign({ pointLabels: { font: { size: 11 } } }, scale) } : { y: scale },
            plugins: { legend: { position: "bottom" } }
        }
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
