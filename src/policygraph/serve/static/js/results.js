// The query's results drawn as the page's server saw them lend themselves: a bar chart of a
// column of numbers by a column of names, maps of the rows by region and a timeline of the
// rows by year (result_views.py).
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

// The maps: each province coloured by the results' number for it (or how many rows name it),
// and, where every region the results name lies in one province, its cities; the boundaries
// from the registry package, bundled as /static/vendor/china-provinces.json and china-cities/.
// A city's boundary is found by its code, or by its name where the code has changed since
// the boundaries were drawn (密云县 → 密云区).
const stem = (name) => name.replace(/(省|市|县|区|地区|盟)$/, "");

// The projection centred on the features drawn (each has its centre as `cp`), its standard
// parallels at their southern- and northernmost centres, so that a province far from the
// country's middle is not drawn skewed.
function projection(boundaries) {
  const centres = boundaries.features.map((feature) => feature.properties.cp).filter(Boolean);
  const longitude = centres.reduce((sum, [x]) => sum + x, 0) / centres.length;
  const latitudes = centres.map(([, y]) => y);
  return { type: "conic-equal-area", rotate: [-longitude, 0], domain: boundaries,
           parallels: [Math.min(...latitudes), Math.max(...latitudes)] };
}

async function drawMap(figure, url, points, idOf) {
  const boundaries = await (await fetch(url)).json();
  const byId = new Map(points.map((point) => [point.id, point.value]));
  const byName = new Map(points.map((point) => [stem(point.name), point.value]));
  const value = (feature) => byId.get(String(idOf(feature)))
    ?? byName.get(stem(feature.properties.name));
  const named = (feature) => `${feature.properties.name}: ${value(feature) ?? "—"}`;
  figure.append(Plot.plot({
    width: Math.min(figure.parentElement.clientWidth, 720),
    projection: projection(boundaries),
    color: { type: "sqrt", scheme: "blues", legend: true, label: views.map.value ?? t("rows"),
             domain: [0, Math.max(...points.map((point) => point.value))] },
    marks: [
      Plot.geo(boundaries, { fill: "#eeeeee", stroke: "white", strokeWidth: 0.6 }),
      Plot.geo(boundaries.features.filter((feature) => value(feature) !== undefined),
               { fill: value, stroke: "white", strokeWidth: 0.6, title: named }),
    ],
  }));
}

const map = document.getElementById("map-view");
if (views.map && map) {
  await drawMap(map, "/static/vendor/china-provinces.json", views.map.points,
                (feature) => feature.properties.id);
}
const cities = document.getElementById("city-map-view");
if (views.map?.cities && cities) {
  await drawMap(cities, `/static/vendor/china-cities/${views.map.cities.province}.json`,
                views.map.cities.points, (feature) => feature.id);
}
