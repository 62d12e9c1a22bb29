#!/usr/bin/env python3
"""Fails unless each workspace package declares the rust-version its locked dependencies need.

Reads `cargo metadata` (the lock file's versions): the highest `rust-version` among the
normal dependencies of a package, its own code aside, is what a user's compiler must be at
least; declaring less promises builds that fail, declaring more refuses compilers that work.
"""
import json
import subprocess
import sys


def version(text):
    """`1.88` as (1, 88, 0); no rust-version at all as (0, 0, 0)."""
    parts = [int(part) for part in (text or "0").split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main():
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--locked"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    nodes = {node["id"]: node for node in metadata["resolve"]["nodes"]}
    packages = {package["id"]: package for package in metadata["packages"]}
    failed = False
    for member in metadata["workspace_members"]:
        seen, stack = set(), [member]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            for dep in nodes[current]["deps"]:
                if any(kind["kind"] is None for kind in dep["dep_kinds"]):
                    stack.append(dep["pkg"])
        seen.discard(member)
        needed = max(seen, key=lambda id: version(packages[id].get("rust_version")))
        need = version(packages[needed].get("rust_version"))
        declared = version(packages[member].get("rust_version"))
        name = packages[member]["name"]
        need_text = ".".join(map(str, need[:2]))
        print(f"{name}: declares {packages[member].get('rust_version')}, its dependencies need "
              f"{need_text} ({packages[needed]['name']})")
        if declared[:2] != need[:2]:
            failed = True
    if failed:
        print("error: set rust-version in Cargo.toml to what the dependencies need", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
