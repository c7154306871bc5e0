// The query's results drawn as the page's server saw them lend themselves: a bar chart of a
// column of numbers by a column of names, a timeline of the rows by year (result_views.py).
import { Plot } from "/static/vendor/graphics.js";
import { t } from "./messages.js";

const data = document.getElementById("result-views-data");
const views = data ? JSON.parse(data.textContent) : {};

const bar = document.getElementById("bar-view");
if (views.bar && bar) {
  const width = Math.min(bar.parentElement.clientWidth, 900);
  bar.append(Plot.plot({
    width,
    height: Math.max(120, 22 * views.bar.points.length + 40),
    marginLeft: Math.min(260, width / 3),
    x: { label: views.bar.value, grid: true },
    y: { label: null, domain: views.bar.points.map((point) => point.label) },
    marks: [
      Plot.barX(views.bar.points, { x: "value", y: "label", fill: "#4269d0",
                                   title: (point) => `${point.label}: ${point.value}` }),
      Plot.ruleX([0]),
    ],
  }));
}

const timeline = document.getElementById("timeline-view");
if (views.timeline && timeline) {
  timeline.append(Plot.plot({
    width: Math.min(timeline.parentElement.clientWidth, 900),
    height: 220,
    x: { label: t("year"), tickFormat: "d" },
    y: { label: t("rows"), grid: true },
    marks: [
      Plot.rectY(views.timeline.points, { x1: (point) => point.year - 0.4,
                                          x2: (point) => point.year + 0.4, y: "count",
                                          fill: "#efb118",
                                          title: (point) => `${point.year}: ${point.count}` }),
      Plot.ruleY([0]),
    ],
  }));
}
