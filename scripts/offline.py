"""Build the offline copy of the whole bilingual site and zip it.

    python scripts/offline.py [--out site/downloads/ecommerce-models-offline.zip]

The copy is built with Material's offline plugin (OFFLINE=true in mkdocs.yml), so it works
when unzipped and opened from file://, search included. Nothing in it may load from another
host; `remote_references` lists any that slipped in, and the build fails on them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import kb

OUTPUT = "site/downloads/ecommerce-models-offline.zip"
FOLDER = "ecommerce-models"
# Elements that make the browser fetch something: scripts, styles, fonts, images, frames.
_FETCHING = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=[\"']?(?P<src>[^\"' >]+)"
    r"|<link\b[^>]*\bhref=[\"']?(?P<href>[^\"' >]+)|url\((?P<url>[^)]+)\)",
    re.IGNORECASE,
)


def remote_references(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in {".html", ".css"}:
            continue
        for match in _FETCHING.finditer(path.read_text(encoding="utf-8", errors="replace")):
            url = (match.group("src") or match.group("href") or match.group("url") or "").strip("'\" ")
            if re.match(r"^(https?:)?//", url) and not _is_link_metadata(match.group(0)):
                found.append(f"{path.relative_to(folder)}: {url}")
    return found


def _is_link_metadata(tag: str) -> bool:
    """<link rel=canonical|alternate> names a URL without fetching it."""
    return tag.lower().startswith("<link") and re.search(r"rel=[\"']?(canonical|alternate)", tag, re.I) is not None


def build(target: Path) -> None:
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(target)]
    result = subprocess.run(command, cwd=kb.ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"error: the offline build failed:\n{result.stderr[-3000:]}")


def write_zip(folder: Path, output: Path) -> int:
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{FOLDER}/{path.relative_to(folder).as_posix()}")
    return output.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=kb.ROOT / OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / FOLDER
        build(folder)
        remote = remote_references(folder)
        if remote:
            print("error: the offline copy references other hosts:\n  " + "\n  ".join(remote[:20]), file=sys.stderr)
            return 1
        shutil.rmtree(folder / "downloads", ignore_errors=True)
        size = write_zip(folder, args.out)
    print(f"{kb.display_path(args.out)}: {size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
