# bench/records.py: many short-lived dicts (records made, read and dropped).
def main(n):
    t = 0
    for i in range(n):
        d = {"x": i, "y": i + 1}
        t += d["x"] + d["y"]
    return t

print(main(5000000))
# ir: print(main(100000))
