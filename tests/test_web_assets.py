"""The browser libraries in the package's static files are built from `web/` as it stands:
`web/build.mjs` records the SHA-256 of every input in `BUILT-FROM`, so a change to the
lock file, the entry points or the build script without `npm run build` fails here (no
Node.js needed to tell)."""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).parent.parent
VENDOR = ROOT / "src" / "policygraph" / "serve" / "static" / "vendor"


def recorded() -> dict[str, str]:
    lines = (VENDOR / "BUILT-FROM").read_text("utf-8").splitlines()
    return {path: digest for digest, path in (line.split("  ", 1) for line in lines)}


def test_the_bundles_are_built_from_the_current_inputs():
    inputs = ["web/build.mjs", "web/package.json", "web/package-lock.json",
              *sorted(str(path.relative_to(ROOT)) for path in (ROOT / "web" / "entries")
                      .glob("*.js"))]
    assert sorted(recorded()) == sorted(inputs), "run `npm ci && npm run build` in web/"
    for path, digest in recorded().items():
        actual = hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
        assert actual == digest, f"{path} changed since the bundles were built: " \
                                 "run `npm ci && npm run build` in web/"


def test_every_entry_point_has_its_bundle_and_every_package_its_licence():
    for entry in (ROOT / "web" / "entries").glob("*.js"):
        assert (VENDOR / entry.name).stat().st_size > 10_000, entry.name
    licences = (VENDOR / "LICENSES.txt").read_text("utf-8")
    for package in ("codemirror", "@codemirror/view", "d3-force", "@observablehq/plot",
                    "swagger-ui-dist"):
        assert f"\n{package} " in licences or licences.startswith(package), package
