#!/usr/bin/env python3
"""Checks that the code's dependencies run one way (docs/design-notes.md, "Layers").

    scripts/check_layers.py [--graph]

Every product file belongs to the module whose folder is the longest prefix of its path. A file
may include headers of its own module and of the modules its module uses, directly or through
other modules (USES below, read transitively). Any other project include, a file in no module,
a library header included outside the one module that owns it (PRIVATE_LIBRARY), or a cycle in
USES is reported and the script exits 1. --graph prints each module with everything
it may reach. Tests, benchmarks and fuzz targets (tests/) may include anything.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Each module and the modules it uses directly, lowest first. The build mirrors this: each
# library links only libraries of the modules listed here (the CMakeLists.txt of each folder).
USES = {
    "crypto": [],
    "event": ["crypto"],
    "store": ["crypto"],
    "scan": ["crypto"],
    "bundle": ["event", "store"],
    "entrylog": ["event", "store"],
    "fleet/tls": ["crypto"],
    "fleet/protocol": ["entrylog"],
    # The kiosk: sources feed the scanner; the engine decides; app runs it; the screen shows it
    # and the fleet thread syncs it; cli is the command over all of them.
    "kiosk/sources": ["scan"],
    "kiosk/engine": ["bundle", "entrylog"],
    "kiosk/app": ["kiosk/engine", "kiosk/sources"],
    "kiosk/screen": ["kiosk/app"],
    "kiosk/fleet": ["kiosk/app", "fleet/tls", "fleet/protocol"],
    "kiosk/cli": ["kiosk/screen", "kiosk/fleet"],
    # The desk: its logic, the audit and the fleet service over it, the commands on top.
    "issuer": ["bundle", "scan", "store"],
    "issuer/audit": ["issuer", "entrylog"],
    "issuer/fleet": ["issuer/audit", "fleet/tls", "fleet/protocol"],
    "issuer/web": ["issuer/fleet"],
    "issuer/cli": ["issuer/fleet", "issuer/web"],
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
# Libraries that only one module may include: SQLite's C API is reached only through store/
# (its Database and Statement), so that every query is parameterised and every error a value;
# libjpeg-turbo is reached only through issuer/photo_normalize.h, so that every photo is encoded
# with the same settings; libcups only through issuer/badge_printer.h, so that every print job is
# created, sent and cancelled on failure in one place; kainjow mustache only in issuer/web/ (the
# pages' templates).
PRIVATE_LIBRARY = {"sqlite3.h": "store", "turbojpeg.h": "issuer", "cups/cups.h": "issuer",
                   "kainjow/mustache.hpp": "issuer/web"}
SYSTEM_INCLUDE = re.compile(r'^\s*#\s*include\s+<([^>]+)>', re.M)


def reach(module, seen=()):
    """Every module `module` may use, itself included; raises on a cycle."""
    if module in seen:
        raise ValueError("cycle in USES: " + " -> ".join(seen + (module,)))
    result = {module}
    for used in USES[module]:
        result |= reach(used, seen + (module,))
    return result


def module_of(rel_path):
    best = None
    for module in USES:
        if rel_path.startswith(module + "/") and (best is None or len(module) > len(best)):
            best = module
    return best


def main():
    try:
        allowed = {module: reach(module) for module in USES}
    except ValueError as error:
        print(error)
        return 1
    if "--graph" in sys.argv:
        for module, reachable in allowed.items():
            print(f"{module}: {', '.join(sorted(reachable - {module})) or '-'}")
        return 0
    problems = []
    tops = {module.split("/")[0] for module in USES}
    files = sorted(p for top in tops for p in (ROOT / top).rglob("*")
                   if p.suffix in (".h", ".cpp"))
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        module = module_of(rel)
        if module is None:
            problems.append(f"{rel}: in no module (add its folder to USES)")
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in SYSTEM_INCLUDE.finditer(text):
            owner = PRIVATE_LIBRARY.get(match.group(1))
            if owner is not None and module != owner:
                line_no = text.count("\n", 0, match.start()) + 1
                problems.append(f"{rel}:{line_no}: {module} includes <{match.group(1)}>, "
                                f"which only {owner}/ may use")
        for line_no, match in ((text.count("\n", 0, m.start()) + 1, m)
                               for m in INCLUDE.finditer(text)):
            target = match.group(1)
            if "/" not in target:
                continue  # a header beside this file: same module
            target_module = module_of(target)
            if target_module is None:
                if target.split("/")[0] in tops:
                    problems.append(f"{rel}:{line_no}: includes {target}, in no module")
                continue  # not a project header (a library's own quoted include)
            if target_module not in allowed[module]:
                problems.append(f"{rel}:{line_no}: {module} includes {target} "
                                f"({target_module}, not below {module})")
    for problem in problems:
        print(problem)
    print(f"{len(files)} files in {len(USES)} modules: "
          f"{len(problems) or 'no'} layering problem{'s' if len(problems) != 1 else ''}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
