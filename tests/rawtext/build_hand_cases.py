#!/usr/bin/env python3
"""Write the hand-written raw-text cases (101..) from their marked-up sources.

Each ``hand/<lang>.src`` holds several cases. A case starts with a header line

    === NNN {"language": "de", "published": ..., "modified": ..., "source_url": ..., "outlet": ..., "authors": [...]}

followed by one line per page element, each prefixed with its label:
``T| `` the headline (at most one), ``B| `` body (the standfirst counts as body),
``X| `` boilerplate. Blank lines are ignored. The script writes ``NNN.txt``
(the lines without their prefixes) and ``NNN.json`` (the labels plus the
header's metadata) next to itself, in the format ``eval/rawtext.py`` reads.

  python tests/rawtext/build_hand_cases.py
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
META = ("published", "modified", "source_url", "outlet")


def parse(src: str) -> dict[str, tuple[list[str], dict]]:
    cases = {}
    for block in ("\n" + src).split("\n=== ")[1:]:
        head, _, rest = block.partition("\n")
        num, meta_text = head.split(" ", 1)
        meta = json.loads(meta_text)
        lines: list[str] = []
        case: dict = {"title": None, "body": [], "boilerplate": []}
        for raw in rest.splitlines():
            if not raw.strip():
                continue
            tag, text = raw[:3], raw[3:]
            if tag not in ("T| ", "B| ", "X| ") or not text or text != text.strip():
                raise ValueError(f"case {num}: bad line {raw!r}")
            lines.append(text)
            if tag == "T| ":
                if case["title"] is not None:
                    raise ValueError(f"case {num}: two title lines")
                case["title"] = text
            else:
                case["body" if tag == "B| " else "boilerplate"].append(text)
        case.update({k: meta.get(k) for k in META})
        case["authors"] = meta.get("authors", [])
        case["language"] = meta["language"]
        cases[num] = (lines, case)
    return cases


def main() -> int:
    n = 0
    for src in sorted((HERE / "hand").glob("*.src")):
        for num, (lines, case) in parse(src.read_text(encoding="utf-8")).items():
            (HERE / f"{num}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
            (HERE / f"{num}.json").write_text(json.dumps(case, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            n += 1
    print(f"wrote {n} hand-written cases to {HERE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
