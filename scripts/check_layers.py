#!/usr/bin/env python3
"""Layering check: no engine layer includes a header of a layer that is not beneath it.

The layers and their links come from the treaty_layer(...) calls of engine/CMakeLists.txt. A
layer may include its own headers, those of the layers it links (DEPS or PRIVATE_DEPS) and,
transitively, those its links link PUBLICly (DEPS): what CMake hands it. A layer's private
links are hidden from the layers above it. Every engine/<layer>/*.h and *.cc is scanned for
`#include "<dir>/..."`; it fails on an include of a layer that is not beneath, on a quoted
include in no layer folder, and on an ANTLR header (the runtime, or the generated
Treaty*Lexer/Parser/Visitor/Listener headers) outside engine/syntax/. Links in a cycle fail too.

  scripts/check_layers.py [--root DIR] [--antlr-include-dir DIR]

--root is the folder holding engine/ (default: this repository); --antlr-include-dir is the
ANTLR C++ runtime's include folder (CMake's ANTLR4_INCLUDE_DIR), whose headers are then
recognised by name too. Prints one line per violation, `file:line: ...`; exits 1 if any.
"""
import argparse
import os
import re
import sys

LAYER_CALL = re.compile(r"^\s*treaty_layer\s*\(", re.MULTILINE)
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
GENERATED = re.compile(r"^Treaty\w*(Lexer|Parser|Visitor|Listener)\.h$")
ANTLR_LAYER = "syntax"


def parse_layers(cmake_path):
    """{layer: (public links, private links)}, the links being layer names (treaty_X -> X);
    third-party targets are left out."""
    with open(cmake_path, encoding="utf-8") as f:
        text = "\n".join(line.split("#", 1)[0] for line in f.read().splitlines())
    layers = {}
    for match in LAYER_CALL.finditer(text):
        end = text.find(")", match.end())
        if end < 0:
            sys.exit(f"{cmake_path}: unterminated treaty_layer(")
        name, *args = text[match.end() : end].split()
        public, private, current = [], [], None
        for arg in args:
            if arg == "DEPS":
                current = public
            elif arg == "PRIVATE_DEPS":
                current = private
            elif current is None:
                sys.exit(f"{cmake_path}: treaty_layer({name} ...): {arg} before DEPS")
            elif arg.startswith("treaty_"):
                current.append(arg[len("treaty_") :])
        layers[name] = (public, private)
    if not layers:
        sys.exit(f"{cmake_path}: no treaty_layer(...) call")
    return layers


def find_cycle(layers):
    """A cycle of links (public or private) as [a, b, ..., a], or None: layers flow one way."""
    state = {}

    def visit(layer, path):
        state[layer] = "open"
        public, private = layers.get(layer, ((), ()))
        for dep in public + private:
            if state.get(dep) == "open":
                return path[path.index(dep) :] + [dep]
            if dep not in state:
                cycle = visit(dep, path + [dep])
                if cycle:
                    return cycle
        state[layer] = "done"
        return None

    for layer in layers:
        if layer not in state:
            cycle = visit(layer, [layer])
            if cycle:
                return cycle
    return None


def allowed_includes(layers):
    """{layer: the layers whose headers it may include}, as CMake propagates the links."""
    public_closure = {}

    def public_of(layer):
        if layer not in public_closure:
            reach = {layer}
            for dep in layers.get(layer, ((), ()))[0]:
                reach |= public_of(dep)
            public_closure[layer] = reach
        return public_closure[layer]

    allowed = {}
    for layer, (public, private) in layers.items():
        reach = {layer}
        for dep in public + private:
            reach |= public_of(dep)
        allowed[layer] = reach
    return allowed


def is_antlr(path, antlr_dir):
    base = os.path.basename(path)
    if "antlr" in path.lower() or GENERATED.match(base):
        return True
    return antlr_dir is not None and os.path.exists(os.path.join(antlr_dir, path))


def check_file(path, rel, layer, layers, allowed, antlr_dir):
    problems = []
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    for number, line in enumerate(lines, 1):
        match = INCLUDE.match(line)
        if not match:
            continue
        quote, included = match.groups()
        where = f"{rel}:{number}"
        top = included.split("/", 1)[0] if "/" in included else None
        if top not in layers and is_antlr(included, antlr_dir):
            if layer != ANTLR_LAYER:
                problems.append(
                    f"{where}: layer {layer} includes the ANTLR header {included}; only "
                    f"engine/{ANTLR_LAYER}/ may include ANTLR headers"
                )
            continue
        if quote == "<":
            continue
        if top is None or top not in layers:
            problems.append(
                f'{where}: layer {layer} includes "{included}", which is in no layer folder '
                f'(engine includes are "<layer>/<file>.h")'
            )
        elif top not in allowed[layer]:
            may = ", ".join(sorted(allowed[layer]))
            problems.append(
                f"{where}: layer {layer} includes {included}, which is not beneath it "
                f"({layer} may include: {may})"
            )
    return problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=os.path.dirname(here))
    parser.add_argument("--antlr-include-dir")
    options = parser.parse_args()
    antlr_dir = options.antlr_include_dir or None
    engine = os.path.join(options.root, "engine")
    layers = parse_layers(os.path.join(engine, "CMakeLists.txt"))
    cycle = find_cycle(layers)
    if cycle:
        print(f"engine/CMakeLists.txt: the layers link in a cycle: {' -> '.join(cycle)}")
        return 1
    allowed = allowed_includes(layers)

    problems, files = [], 0
    for layer in sorted(os.listdir(engine)):
        folder = os.path.join(engine, layer)
        if not os.path.isdir(folder):
            continue
        sources = sorted(n for n in os.listdir(folder) if n.endswith((".h", ".cc")))
        if layer not in layers:
            if sources:
                problems.append(f"engine/{layer}/: a folder of sources with no treaty_layer call")
            continue
        for name in sources:
            rel = f"engine/{layer}/{name}"
            path = os.path.join(folder, name)
            problems += check_file(path, rel, layer, layers, allowed, antlr_dir)
            files += 1
    for problem in problems:
        print(problem)
    if problems:
        print(f"check_layers: {len(problems)} problem(s) with the layering (engine/CMakeLists.txt)")
        return 1
    print(f"check_layers: {files} files in {len(layers)} layers, every include beneath its layer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
