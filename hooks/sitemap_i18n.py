"""MkDocs hook: a sitemap with hreflang alternates for every page pair.

mkdocs-static-i18n ships the template (custom_i18n_sitemap/sitemap.xml) but does not
use it by default; we put its folder on the theme's template path, after overrides/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mkdocs_static_i18n


def on_config(config: Any) -> Any:
    folder = str(Path(mkdocs_static_i18n.__file__).parent / "custom_i18n_sitemap")
    if folder not in config.theme.dirs:
        config.theme.dirs.insert(1, folder)
    return config
