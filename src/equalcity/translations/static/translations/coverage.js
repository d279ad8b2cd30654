// Draws the coverage chart from the json_script block; the table holds the same figures.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("translations-coverage-data");
  const canvas = document.getElementById("translations-coverage");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const colours = { reviewed: "#1b7837", translated: "#5aae61", outdated: "#c2510d", missing: "#8c8c8c" };
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.series.map((series) => ({
        label: series.label,
        data: series.values,
        backgroundColor: colours[series.key],
      })),
    },
    options: {
      animation: false, // drawn at once: cheaper on a phone, calm for everyone
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
    },
  });
});
