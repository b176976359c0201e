# bench/wordcount.py: counting words (str keys made at run time) with `in` and +=, then the most common.
def main(n):
    counts = {}
    for i in range(n):
        w = "w%d" % (i * 7919 % 1000)
        if w in counts:
            counts[w] += 1
        else:
            counts[w] = 1
    best = ""
    bc = 0
    for k, v in counts.items():
        if v > bc or (v == bc and k < best):
            best, bc = k, v
    return len(counts), best, bc

print(main(4000000))
# ir: print(main(60000))
