"""MkDocs hook: the offline copy (`make offline`, OFFLINE=true) loads nothing from another host.

Material's offline plugin adds the iframe-worker shim from a CDN, so that search runs from
file://. We serve the same shim from the npm package instead (package.json pins it).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

SHIM_SOURCE = Path(__file__).resolve().parents[1] / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"


def offline_enabled(config: Any) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def on_config(config: Any) -> Any:
    if offline_enabled(config):
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
        config.extra["polyfills"] = [*polyfills, SHIM_TARGET]
    return config


def on_post_build(config: Any) -> None:
    if not offline_enabled(config):
        return
    if not SHIM_SOURCE.is_file():
        raise SystemExit(f"error: {SHIM_SOURCE} is missing: run 'make setup' (npm ci)")
    target = Path(config["site_dir"]) / SHIM_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM_SOURCE, target)
