#!/usr/bin/env python3
"""tests/trace_formats/compare.py TABLE JSON [YAML]

Reads a --trace=json file with Python's json module (and a --trace=yaml
file of the same run with PyYAML, when given), rebuilds from the events
the cells the table shows (instruction, fetch, compute, store), wraps them
the way the table does, and compares them with the table of the same run,
row by row. Also checks the YAML document equals the JSON one. Exit 0 when
everything matches; otherwise prints the first differences and exits 1.
"""
import json
import sys

NAMES = ("step", "line", "pc", "instr", "fetch", "compute", "store")
HEADER = ("step", "line", "pc", "instruction", "fetch", "compute", "store")
TABLE_WIDTH = 120


def columns(header):
    """Column starts, read from the header line."""
    starts, at = [], 0
    for word in HEADER:
        at = header.index(word, at)
        starts.append(at)
        at += len(word)
    return starts


def parse_table(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    starts = None
    for ln in lines:
        if ln.startswith("step ") and "instruction" in ln:
            starts = columns(ln)
            continue
        if starts is None:
            continue
        if len(ln) > TABLE_WIDTH:
            raise SystemExit("FAIL: a line of %d characters: %r" % (len(ln), ln))
        ends = starts[1:] + [None]
        cells = {name: ln[s:e] for name, s, e in zip(NAMES, starts, ends)}
        if cells["step"].strip():
            if not cells["step"].strip().isdigit():
                continue                        # a note line outside any step
            rows.append({"step": int(cells["step"]), "line": int(cells["line"]), "pc": cells["pc"].strip(),
                         "instr": [], "fetch": [], "compute": [], "store": [],
                         "widths": {n: e - s - 1 if e else TABLE_WIDTH - s for n, s, e in zip(NAMES, starts, ends)}})
        elif not rows:
            continue
        for name in ("instr", "fetch", "compute", "store"):
            rows[-1][name].append(cells[name].rstrip())
    return rows


def desc(v):
    if v is None:
        return "(empty)"
    r = v["repr"]
    return "%s%s @%s" % (v["type"], " " + r if r else "", v["id"])


def cells_of(step):
    fetch, compute, store = [], [], []
    for e in step["events"]:
        k = e["event"]
        if k == "fetch":
            fetch.append("[%s] = %s" % (e["addr"], e["value"][2:]))
        elif k == "reg_read":
            fetch.append("%s = %s" % (e["name"], desc(e["value"])))
        elif k == "const_read":
            fetch.append("k%d = %s" % (e["k"], desc(e["value"])))
        elif k == "ram_read":
            fetch.append("RAM[%s] -> %s" % (e["name"], desc(e["value"])))
        elif k == "call":
            compute.append(e["text"])
            fetch.append("callee %s" % desc(e["callee"]))
        elif k == "method":
            fetch.append("self %s" % desc(e["self"]))
            compute.append(e["text"])
        elif k in ("compute", "branch", "return", "build", "next"):
            compute.append(e["text"])
        elif k == "error":
            compute.append("raise %s%s" % (e["kind"], ": " + e["message"] if e["message"] else ""))
        elif k == "reg_write":
            store.append("%s = %s" % (e["name"], desc(e["value"])))
        elif k == "ram_write":
            store.append("RAM[%s] = %s" % (e["name"], desc(e["value"])))
        elif k == "alloc":
            store.append("new %s (%d B) @%s" % (e["type"], e["size"], e["id"]))
        elif k == "free":
            store.append("free %s (%d B) @%s" % (e["type"], e["size"], e["id"]))
        elif k == "refcount":
            store.append("rc @%s %d->%d" % (e["id"], e["before"], e["after"]))
        elif k == "cached":
            store.append("cached small int @%s" % e["id"])
        elif k == "resize":
            store.append("resize %s (%d->%d B) @%s" % (e["type"], e["before"], e["after"], e["id"]))
        elif k == "output":
            store.append('output "%s"' % e["text"].replace("\n", "\\n"))
        elif k == "note":
            store.append(e["text"])
        else:
            raise SystemExit("unknown event kind %r" % k)
    return {"instr": step["instruction"], "fetch": "\n".join(fetch),
            "compute": "\n".join(compute), "store": "\n".join(store)}


def wrap(item, width):
    """vm/trace.c wrap_next: break at the last space that fits and go on two
    spaces in; a word too long for such a line is cut where the line ends."""
    out, cont = [], False
    while True:
        pre = "  " if cont else ""
        avail = width - len(pre)
        if len(item) <= avail:
            out.append(pre + item)
            return out
        sp = item.rfind(" ", 0, avail)
        cut = avail if item[avail] == " " else sp if sp > 0 else avail
        if cut != avail or item[avail] == " ":
            nxt = item[cut + 1:].split(" ", 1)[0]
            if len(nxt) > width - 2:
                cut = avail
        out.append(pre + item[:cut])
        item = item[cut + 1:] if item[cut] == " " else item[cut:]
        cont = True


def pieces(cell, width):
    out = []
    if cell == "":
        return out
    for seg in cell.split("\n"):
        out.extend(wrap(seg, width) if seg else [""])
    return out


def check_event_fields(step):
    need = {"fetch": ("addr", "size", "value", "field"), "reg_read": ("reg", "name", "value"),
            "reg_write": ("reg", "name", "value"), "ram_read": ("name", "addr", "size", "field", "value"),
            "ram_write": ("name", "addr", "size", "field", "value"), "alloc": ("id", "type", "size"),
            "free": ("id", "type", "size"), "refcount": ("id", "addr", "size", "field", "before", "after"),
            "output": ("text",)}
    for e in step["events"]:
        for key in need.get(e["event"], ()):
            if key not in e:
                return "step %d: %s event without '%s'" % (step["step"], e["event"], key)
    return None


def main():
    table, js = sys.argv[1], sys.argv[2]
    with open(js, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("format") != "tracevm-trace" or doc.get("version") != 1:
        print("FAIL: bad header %r" % {k: doc.get(k) for k in ("format", "version")})
        return 1
    if len(sys.argv) > 3:
        import yaml
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # the C loader when PyYAML has it
        with open(sys.argv[3], encoding="utf-8") as f:
            ydoc = yaml.load(f, Loader=loader)
        if ydoc != doc:
            for i, (a, b) in enumerate(zip(ydoc.get("steps", []), doc.get("steps", []))):
                if a != b:
                    print("FAIL: yaml differs from json at step index %d:\n  yaml %r\n  json %r" % (i, a, b))
                    break
            else:
                print("FAIL: yaml differs from json outside the steps")
            return 1
    rows = parse_table(table)
    steps = doc["steps"]
    if len(rows) != len(steps):
        print("FAIL: %d table rows, %d json steps" % (len(rows), len(steps)))
        return 1
    if doc["result"]["steps_written"] != len(steps):
        print("FAIL: result.steps_written %r != %d" % (doc["result"]["steps_written"], len(steps)))
        return 1
    bad = 0
    for row, st in zip(rows, steps):
        err = check_event_fields(st)
        if err:
            print("FAIL:", err)
            return 1
        if (row["step"], row["line"], row["pc"]) != (st["step"], st["line"], st["offset"]):
            print("FAIL: step header differs: table %r json %r" % ((row["step"], row["line"], row["pc"]), (st["step"], st["line"], st["offset"])))
            return 1
        want = cells_of(st)
        for name in ("instr", "fetch", "compute", "store"):
            exp = [p.rstrip() for p in pieces(want[name], row["widths"][name])]
            got = list(row[name])
            while got and got[-1] == "":
                got.pop()
            while exp and exp[-1] == "":
                exp.pop()
            if exp != got:
                bad += 1
                if bad <= 3:
                    print("FAIL: step %d, column %s\n  table: %r\n  json:  %r" % (st["step"], name, got, exp))
    if bad:
        print("FAIL: %d cells differ" % bad)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
