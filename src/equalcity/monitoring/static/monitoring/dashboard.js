// Draws the indicator chart from the json_script block; the table holds the same figures.
// Each line is the indicator's share of its target; averages (learning gain, evaluation
// score) are dashed, since they are not cumulative counts.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("monitoring-chart-data");
  const canvas = document.getElementById("monitoring-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.periods,
      datasets: data.indicators.map((indicator) => ({
        label: indicator.code + " " + indicator.name,
        data: indicator.values.map((v) => (v === null ? null : (100 * v) / (indicator.target || 1))),
        borderDash: indicator.average ? [6, 4] : [],
        spanGaps: false,
      })),
    },
    options: {
      animation: false, // drawn at once: cheaper on a phone, calm for everyone
      scales: { y: { title: { display: true, text: canvas.dataset.axis }, suggestedMax: 100 } },
    },
  });
});
