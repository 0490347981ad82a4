"""Checks the links of the built site (target/site/): every internal link and
resource (href, src) of every page names a file of the site, and every link to
a page of ours with a #fragment names an id of that page; external links are
checked for syntax only (an absolute http(s) or mailto URL with a host).
Absolute paths start with the path of the site's URL (mkdocs.yml's site_url).
Usage: links.py <site dir> <site path, e.g. /peeker-core/>. Last line: `links: N passed, M failed`."""

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

site = Path(sys.argv[1]).resolve()
prefix = sys.argv[2]


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ("href", "src") and value and tag in ("a", "link", "script", "img"):
                self.links.append(value)


pages: dict[Path, Page] = {}
for path in site.rglob("*.html"):
    page = Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    pages[path] = page

passed, failed = 0, []
for path, page in pages.items():
    for link in set(page.links):
        parts = urlsplit(link)
        if path.name == "http-api.html" and link.startswith("/") and not link.startswith(prefix):
            continue  # Redoc's menu: client-side routes its script handles, not files
        if parts.scheme in ("http", "https"):
            ok = bool(parts.netloc) and " " not in link
        elif parts.scheme in ("mailto", "data", "javascript"):
            ok = True
        elif parts.scheme:
            ok = False
        else:
            if parts.path.startswith("/"):
                relative = parts.path.removeprefix(prefix) if parts.path.startswith(prefix) else None
                target = (site / unquote(relative)).resolve() if relative is not None else site / "\0"
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            ok = target.is_file() and site in target.parents
            # Fragments are checked on our own pages (the generated references'
            # are built by their tools, some by script at run time).
            ours = not any(part in ("rust", "js", "python") for part in target.relative_to(site).parts[:2]) if ok else False
            if ok and ours and parts.fragment and target.suffix == ".html" and target in pages:
                # As browsers find a fragment's element (HTML: the fragment as
                # written, then percent-decoded): Dokka's ids hold a literal %2F.
                ok = parts.fragment in pages[target].ids or unquote(parts.fragment) in pages[target].ids
        if ok:
            passed += 1
        else:
            failed.append(f"{path.relative_to(site)}: {link}")
for line in sorted(failed)[:50]:
    print("broken link:", line, file=sys.stderr)
print(f"links: {passed} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
