# bench/dictrecords.py: a record per step as a dict with str keys holding
# an int, a tuple and a list, read back by key and index, then dropped.
# pgo: skip (measured, not trained on: see bench/README.md)
def main(n):
    out = 0
    for i in range(n):
        rec = {"id": i, "pos": (i % 10, i % 7), "tags": [i % 3, i % 5]}
        if rec["pos"][0] > 4 and len(rec["tags"]) == 2:
            out += rec["id"] % 11 + rec["tags"][1]
    return out

print(main(2500000))
# ir: print(main(100000))
