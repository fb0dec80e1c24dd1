"""Write a published version's content back into the repository files (`make content-export`).

    make content-export            # the live version
    make content-export VERSION=3  # version 3

Run from the API environment. Only the content files are written (api/content/files.py); the
repository and the running system then hold the same texts and examples again.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.content.files import write_tree  # noqa: E402
from api.content.versions import Workspace  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", type=int, default=None, help="version number (default: live)")
    parser.add_argument(
        "--workspace",
        type=Path,
        default=Path(os.environ.get("RONDKOMEN_CONTENT_WORKSPACE", ROOT / "var" / "content")),
    )
    parser.add_argument("--to", type=Path, default=ROOT, help="repository to write into")
    args = parser.parse_args(argv)
    workspace = Workspace(args.workspace)
    if args.version is None:
        if not workspace.live.is_symlink():
            print(f"no live version in {workspace.root}", file=sys.stderr)
            return 1
        number = int(os.readlink(workspace.live).rsplit("/", 1)[-1])
    else:
        number = args.version
    if not workspace.version_dir(number).is_dir():
        print(f"version {number} does not exist in {workspace.root}", file=sys.stderr)
        return 1
    tree = workspace.tree(number)
    write_tree(tree, args.to)
    print(f"version {number}: {len(tree)} files written to {args.to}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
