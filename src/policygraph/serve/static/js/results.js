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

// The map: each province coloured by the results' number for it (or how many rows name it),
// the boundaries from the registry package bundled as /static/vendor/china-provinces.json.
const map = document.getElementById("map-view");
if (views.map && map) {
  const provinces = await (await fetch("/static/vendor/china-provinces.json")).json();
  const values = new Map(views.map.points.map((point) => [point.province, point.value]));
  const named = (feature) => `${feature.properties.name}: ${values.get(feature.properties.id)
    ?? "—"}`;
  map.append(Plot.plot({
    width: Math.min(map.parentElement.clientWidth, 720),
    projection: { type: "conic-equal-area", rotate: [-105, 0], parallels: [25, 47],
                  domain: provinces },
    color: { type: "sqrt", scheme: "blues", legend: true,
             label: views.map.value ?? t("rows") },
    marks: [
      Plot.geo(provinces, { fill: "#eeeeee", stroke: "white", strokeWidth: 0.6 }),
      Plot.geo(provinces.features.filter((feature) => values.has(feature.properties.id)),
               { fill: (feature) => values.get(feature.properties.id), stroke: "white",
                 strokeWidth: 0.6, title: named }),
    ],
  }));
}
