// The targets chart: for each unit, the targets by due year, a colour per region, a line
// through the targets of one indicator and region, a bar from a range's lower to upper value.
import { Plot } from "/static/vendor/graphics.js";
import { t } from "./messages.js";

const points = JSON.parse(document.getElementById("targets-data").textContent)
  .filter((point) => point.year !== null);
const regions = [...new Set(points.map((point) => point.region || "—"))].sort();

for (const figure of document.querySelectorAll("figure.chart")) {
  const data = points.filter((point) => point.unit === figure.dataset.unit)
    .map((point) => ({ ...point, region: point.region || "—",
                       series: `${point.region}\u0000${point.indicator}` }));
  const years = data.map((point) => point.year);
  const chart = Plot.plot({
    width: Math.min(figure.parentElement.clientWidth, 1100),
    height: 320,
    marginLeft: 60,
    x: { label: t("due year"), tickFormat: "d", domain: [Math.min(...years) - 0.5,
                                                       Math.max(...years) + 0.5],
         ticks: Math.min(12, new Set(years).size) },
    y: { label: figure.dataset.unit, grid: true, zero: true },
    color: { legend: true, domain: regions },
    marks: [
      Plot.line(data, { x: "year", y: "value", z: "series", stroke: "region",
                        strokeOpacity: 0.5, sort: "year" }),
      Plot.ruleX(data.filter((point) => point.upper !== null),
                 { x: "year", y1: "value", y2: "upper", stroke: "region", strokeWidth: 3 }),
      Plot.dot(data, {
        x: "year", y: "value", fill: "region", r: 5, href: "href",
        title: (point) => `${point.indicator}\n${point.comparator} ${point.value}`
          + `${point.upper !== null ? `–${point.upper}` : ""} ${point.unit}`
          + `\n${point.title}`,
        tip: true,
      }),
    ],
  });
  figure.append(chart);
}
