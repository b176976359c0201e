# Counting words with a dict.

text = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity"""

clean = text.lower().replace(",", " ").replace(".", " ")
words = clean.split()
print("words:", len(words))

freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print("distinct:", len(freq))
print(freq)

ranked = sorted([(-count, w) for w, count in freq.items()])
print("top five:")
for negative, w in ranked[:5]:
    print(f"  {w:<12}{-negative:>3}")

once = [w for w in freq if freq[w] == 1]
print("used once:", sorted(once))
lengths = {w: len(w) for w in freq}
print("longest:", max([(n, w) for w, n in lengths.items()]))
print("'wisdom' in freq:", "wisdom" in freq, "  'folly' in freq:", "folly" in freq)
print("keys are kept in insertion order:", list(freq.keys())[:4])
print("total of values:", sum(freq.values()))

by_letter = {}
for w in sorted(freq):
    first = w[0]
    if first not in by_letter:
        by_letter[first] = []
    by_letter[first].append(w)
for letter in sorted(by_letter):
    print(letter, by_letter[letter])

del freq["it"]
freq.pop("was")
print("after removing 'it' and 'was':", len(freq), "words left")
freq.update({"new": 1})
print("update adds:", freq["new"], " setdefault:", freq.setdefault("the", 99), freq.setdefault("extra", 0))

# expect: words: 36
# expect: distinct: 13
# expect: {'it': 6, 'was': 6, 'the': 6, 'best': 1, 'of': 6, 'times': 2, 'worst': 1, 'age': 2, 'wisdom': 1, 'foolishness': 1, 'epoch': 2, 'belief': 1, 'incredulity': 1}
# expect: top five:
# expect:   it            6
# expect:   of            6
# expect:   the           6
# expect:   was           6
# expect:   age           2
# expect: used once: ['belief', 'best', 'foolishness', 'incredulity', 'wisdom', 'worst']
# expect: longest: (11, 'incredulity')
# expect: 'wisdom' in freq: True   'folly' in freq: False
# expect: keys are kept in insertion order: ['it', 'was', 'the', 'best']
# expect: total of values: 36
# expect: a ['age']
# expect: b ['belief', 'best']
# expect: e ['epoch']
# expect: f ['foolishness']
# expect: i ['incredulity', 'it']
# expect: o ['of']
# expect: t ['the', 'times']
# expect: w ['was', 'wisdom', 'worst']
# expect: after removing 'it' and 'was': 11 words left
# expect: update adds: 1  setdefault: 6 0
