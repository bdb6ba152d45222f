#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the translatable strings of data/routines/catalogue.json as N_()
calls, for xgettext: JSON has no gettext markers of its own.

    build-aux/catalogue-strings.py [OUTPUT]   (default: stdout)
"""
import json
import pathlib
import sys

TOP = pathlib.Path(__file__).resolve().parent.parent
CATALOGUE = TOP / "data" / "routines" / "catalogue.json"


def c_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    lines = [
        "/* SPDX-License-Identifier: GPL-3.0-or-later */",
        "/* Written by build-aux/catalogue-strings.py from catalogue.json, for",
        " * xgettext only; never compiled. tests check that it is up to date. */",
        "",
    ]
    for exercise in data.get("exercises", []):
        ident = exercise["id"]
        for key in ("name", "summary", "caution"):
            if exercise.get(key):
                lines.append(f"/* Translators: the {key} of the exercise “{ident}”. */")
                lines.append(f"N_({c_string(exercise[key])});")
        if exercise.get("illustration_description"):
            lines.append(f"/* Translators: what the picture of the exercise “{ident}” shows, read out"
                         " to those who cannot see it. */")
            lines.append(f"N_({c_string(exercise['illustration_description'])});")
        for number, step in enumerate(exercise.get("steps", []), 1):
            lines.append(f"/* Translators: step {number} of the exercise “{ident}”. */")
            lines.append(f"N_({c_string(step['instruction'])});")
    for routine in data.get("routines", []):
        ident = routine["id"]
        for key in ("name", "summary"):
            lines.append(f"/* Translators: the {key} of the routine “{ident}”. */")
            lines.append(f"N_({c_string(routine[key])});")
    text = "\n".join(lines) + "\n"
    if len(sys.argv) > 1:
        pathlib.Path(sys.argv[1]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
