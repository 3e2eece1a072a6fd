#!/usr/bin/env python3
"""Size limits of the product code (issue 17): no file over 500 lines, no function over 80.

    scripts/code_metrics.py [--list N] [--check]

Counts every .cpp and .h outside tests/ and build folders. A function's length is the lines
from the one holding its opening brace to the one holding its closing brace. Braces are matched
with strings, character literals and comments removed; a brace opens a function body when it
stands directly in a namespace, class, struct or the file and the text before it ends in a
parameter list (with const, noexcept, override, a trailing return type or an initializer list
after it). Lambdas and local classes count as part of the function around them. --check exits 1
when a limit is exceeded.
"""
import argparse
import pathlib
import re
import sys

MAX_FILE_LINES = 500
MAX_FUNCTION_LINES = 80
ROOT = pathlib.Path(__file__).resolve().parent.parent
PRODUCT_DIRS = ["crypto", "event", "bundle", "store", "entrylog", "imaging", "fleet", "kiosk",
                "issuer", "desk"]

TOKEN = re.compile(r'//[^\n]*|/\*.*?\*/|R"(?P<delim>[^(\s]*)\(.*?\)(?P=delim)"|"(?:\\.|[^"\\\n])*"'
                   r"|'(?:\\.|[^'\\\n])*'", re.S)
CONTAINER = re.compile(r'\b(namespace|class|struct|union|enum)\b[^;{}()]*$|extern\s+"C"\s*$')


def blank_out(text):
    """Replaces comments and literals by spaces, keeping the line breaks."""
    return TOKEN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def functions(path):
    text = blank_out(path.read_text(encoding="utf-8", errors="replace"))
    stack = []  # (kind, start line)
    header_start = 0
    line = 1
    for i, ch in enumerate(text):
        if ch == "\n":
            line += 1
        elif ch == "{":
            header = text[header_start:i]
            in_container = all(entry[0] == "container" for entry in stack)
            if CONTAINER.search(header.strip()) or (stack and stack[-1][0] == "container"
                                                    and header.strip().endswith("=")):
                kind = "container" if in_container else "inner"
            elif in_container and ")" in header and not header.strip().endswith("="):
                kind = "function"
            else:
                kind = "inner"
            stack.append((kind, line, header.strip().split("(")[0].split()[-1:] or ["?"]))
            header_start = i + 1
        elif ch == "}":
            if stack:
                kind, start, name = stack.pop()
                if kind == "function":
                    yield name[0], start, line - start + 1
            header_start = i + 1
        elif ch == ";":
            header_start = i + 1


def product_files():
    for top in PRODUCT_DIRS:
        base = ROOT / top
        if base.is_dir():
            yield from sorted(p for p in base.rglob("*") if p.suffix in (".cpp", ".h"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=int, default=10, help="how many of the longest to show")
    parser.add_argument("--check", action="store_true", help="exit 1 when a limit is exceeded")
    args = parser.parse_args()
    files, funcs = [], []
    for path in product_files():
        rel = path.relative_to(ROOT)
        files.append((len(path.read_text(encoding="utf-8", errors="replace").splitlines()), rel))
        funcs += [(length, f"{rel}:{start}", name) for name, start, length in functions(path)]
    files.sort(reverse=True)
    funcs.sort(reverse=True)
    long_files = [f for f in files if f[0] > MAX_FILE_LINES]
    long_funcs = [f for f in funcs if f[0] > MAX_FUNCTION_LINES]
    print(f"{len(files)} files, {len(funcs)} functions; over {MAX_FILE_LINES} lines: "
          f"{len(long_files)} files; over {MAX_FUNCTION_LINES} lines: {len(long_funcs)} functions")
    print("longest files:")
    for n, rel in files[:args.list]:
        print(f"  {n:5d}  {rel}")
    print("longest functions:")
    for n, where, name in funcs[:args.list]:
        print(f"  {n:5d}  {where}  {name}")
    if args.check and (long_files or long_funcs):
        sys.exit(1)


if __name__ == "__main__":
    main()
