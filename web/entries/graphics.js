// The network view (a d3 force simulation drawn in SVG) and the targets chart (Observable Plot).
export * as Plot from "@observablehq/plot";
export { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY }
  from "d3-force";
export { drag } from "d3-drag";
export { select } from "d3-selection";
export { zoom, zoomIdentity } from "d3-zoom";
