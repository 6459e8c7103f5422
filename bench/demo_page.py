"""Build the demo the README shows: `kg build` over real articles (the maintainers' dev set, read in
place, never copied) plus the seed, then a screenshot of the states page in headless Chromium with
a conflictual pair's panel open (its barometer and sentences).

    python -m bench.demo_page [--articles ../shared/dev-set/articles] [--out /tmp/kg-demo]
        [--pair RUS USA] [--screenshot docs/states-page.png]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(articles: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "kg.cli", "build", str(articles), str(ROOT / "seeds")]
    command += ["--out", str(out / "out"), "--store", str(out / "store")]
    subprocess.run(command, check=True)


def screenshot(page_path: Path, pair: tuple[str, str], target: Path) -> None:
    from playwright import sync_api as playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("needs Debian's chromium (apt install chromium)")
    a, b = pair
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(page_path.as_uri())
        page.wait_for_function("window.statekg !== undefined")
        page.wait_for_timeout(4000)  # let the layout settle
        page.evaluate("() => window.statekg.network.setOptions({physics: false})")
        edge = page.evaluate(
            """([a, b]) => window.statekg.edges.getIds().find(i =>
                i.startsWith('act-' + a + '-' + b + '-') || i.startsWith('act-' + b + '-' + a + '-'))""",
            [a, b],
        )
        if not edge:
            raise SystemExit(f"no act between {a} and {b} in the demo")
        page.evaluate("(id) => window.statekg.selectEdge(id)", edge)
        page.wait_for_timeout(800)
        page.screenshot(path=str(target))
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "dev-set" / "articles")
    parser.add_argument("--out", type=Path, default=Path("/tmp/kg-demo"))
    parser.add_argument("--pair", nargs=2, default=("RUS", "USA"), metavar=("A", "B"))
    parser.add_argument("--screenshot", type=Path, default=ROOT / "docs" / "states-page.png")
    args = parser.parse_args()
    if not args.articles.is_dir():
        raise SystemExit(f"no articles at {args.articles} (pass --articles DIR)")
    build(args.articles, args.out)
    screenshot(args.out / "out" / "states.html", tuple(args.pair), args.screenshot)
    print(f"demo in {args.out / 'out'}; screenshot {args.screenshot}")


if __name__ == "__main__":
    main()
