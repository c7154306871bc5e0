// The co-responsibility network: a force layout of agencies (circles sized by workload,
// coloured by region) and the tasks they share (lines as thick as the number of tasks).
import {
  drag, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, Plot, select,
  zoom,
} from "/static/vendor/graphics.js";
import { t } from "./messages.js";

const svg = select("#network");
const { nodes, links } = JSON.parse(document.getElementById("network-data").textContent);
const { width, height } = svg.node().getBoundingClientRect();
svg.attr("viewBox", [-width / 2, -height / 2, width, height]);

const regions = [...new Set(nodes.map((node) => node.region || "—"))].sort();
const colour = Plot.scale({ color: { type: "categorical", domain: regions } });
const biggest = Math.max(1, ...nodes.map((node) => node.tasks));
const radius = (node) => 4 + 18 * Math.sqrt(node.tasks / biggest);
const heaviest = Math.max(1, ...links.map((link) => link.tasks));

const layer = svg.append("g");
svg.call(zoom().scaleExtent([0.2, 8]).on("zoom", (event) => layer.attr("transform", event.transform)));

const line = layer.append("g").selectAll("line").data(links).join("line")
  .attr("stroke-width", (link) => 0.6 + 4 * (link.tasks / heaviest));
line.append("title").text((link) => `${link.tasks} ${t("shared tasks")}`);

const node = layer.append("g").selectAll("a").data(nodes).join("a")
  .attr("href", (d) => d.href)
  .attr("class", "agency");
node.append("circle")
  .attr("r", radius)
  .attr("fill", (d) => colour.apply(d.region || "—"));
node.append("title").text((d) => [
  d.label,
  d.led === null ? `${d.tasks} ${t("tasks")}`
    : `${t("leads")} ${d.led}, ${t("supports")} ${d.supported}`,
  d.function, d.region,
].filter(Boolean).join("\n"));
const label = layer.append("g").selectAll("text")
  .data(nodes).join("text")
  .attr("dy", "0.35em")
  .text((d) => d.label);

const simulation = forceSimulation(nodes)
  .force("link", forceLink(links).id((d) => d.id).distance(70).strength(0.3))
  .force("charge", forceManyBody().strength(-160))
  .force("collide", forceCollide().radius((d) => radius(d) + 3))
  .force("x", forceX().strength(0.05))
  .force("y", forceY().strength(0.05))
  .on("tick", () => {
    line.attr("x1", (d) => d.source.x).attr("y1", (d) => d.source.y)
      .attr("x2", (d) => d.target.x).attr("y2", (d) => d.target.y);
    node.attr("transform", (d) => `translate(${d.x},${d.y})`);
    label.attr("x", (d) => d.x + radius(d) + 3).attr("y", (d) => d.y);
  })
  .on("end", () => {
    declutter();
    svg.attr("data-settled", "true");
  });

// Labels that would overlap a larger node's label are hidden, largest nodes' first: a crowded
// cluster stays readable, and every node still names itself on hover.
function declutter() {
  const shown = [];
  const boxes = label.nodes().map((element) => ({ element, box: element.getBBox() }));
  boxes.sort((a, b) => radius(select(b.element).datum()) - radius(select(a.element).datum()));
  for (const { element, box } of boxes) {
    const clear = shown.every((other) => box.x + box.width < other.x
      || other.x + other.width < box.x || box.y + box.height < other.y
      || other.y + other.height < box.y);
    element.style.visibility = clear ? "visible" : "hidden";
    if (clear) shown.push(box);
  }
}

node.call(drag()
  .on("start", (event, d) => {
    if (!event.active) simulation.alphaTarget(0.3).restart();
    d.fx = d.x; d.fy = d.y;
  })
  .on("drag", (event, d) => { d.fx = event.x; d.fy = event.y; })
  .on("end", (event, d) => {
    if (!event.active) simulation.alphaTarget(0);
    d.fx = null; d.fy = null;
    declutter();
  }));

const legend = document.getElementById("legend");
for (const region of regions) {
  const item = document.createElement("span");
  item.textContent = region;
  item.lang = "zh";
  item.style.setProperty("--swatch", colour.apply(region));
  legend.append(item);
}
