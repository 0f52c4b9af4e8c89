"""Writes a copy of a content directory with every service and event repeated N times
(new ids, same references), for measuring how the server scales with content size.

    python3 bench/multiply.py content /tmp/content-x100 100
"""
import re
import shutil
import sys
from pathlib import Path


def repeat_blocks(text: str, table: str, times: int) -> str:
    header, *blocks = re.split(rf"(?m)^\[\[{table}\]\]\n", text)
    out = [header]
    for block in blocks:
        out.append(f"[[{table}]]\n" + block)
        for k in range(1, times):
            copy = re.sub(r'(?m)^id = "([a-z0-9-]+)"', lambda m: f'id = "{m.group(1)}-{k}"', block, count=1)
            out.append(f"[[{table}]]\n" + copy)
    return "".join(out)


def main() -> None:
    src, dst, times = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    for name, table in [("services.toml", "service"), ("events.toml", "event")]:
        path = dst / name
        path.write_text(repeat_blocks(path.read_text(encoding="utf-8"), table, times), encoding="utf-8")


if __name__ == "__main__":
    main()
