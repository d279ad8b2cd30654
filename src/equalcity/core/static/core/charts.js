// Draws every <canvas data-chart="ID"> from the JSON block with that id (json_script).
// The block holds {type, labels, datasets: [{label, data}], stacked, axis, max}; the page
// always has a table with the same figures, so a chart is never the only way to read them.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Chart === "undefined") return;
  const palette = ["#1f5fa8", "#c2510d", "#1b7837", "#762a83", "#8c6d00", "#4d4d4d"];
  for (const canvas of document.querySelectorAll("canvas[data-chart]")) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) continue;
    const spec = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: spec.type || "bar",
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map((dataset, index) => ({
          label: dataset.label,
          data: dataset.data,
          backgroundColor: palette[index % palette.length],
          borderColor: palette[index % palette.length],
        })),
      },
      options: {
      animation: false, // drawn at once: cheaper on a phone, calm for everyone
        scales: {
          x: { stacked: !!spec.stacked },
          y: {
            stacked: !!spec.stacked,
            beginAtZero: true,
            suggestedMax: spec.max,
            title: { display: !!spec.axis, text: spec.axis || "" },
          },
        },
      },
    });
  }
});
