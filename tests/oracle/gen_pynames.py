import sys
ver = "%d%d" % sys.version_info[:2]
def arr(name, items):
    out = ["static const char *const %s_%s[] = {" % (name, ver)]
    line = "   "
    for it in items:
        s = ' "%s",' % it
        if len(line) + len(s) > 96:
            out.append(line); line = "   "
        line += s
    out.append(line)
    out.append("};")
    return "\n".join(out)
print(arr("builtin_names", list(__builtins__.__dict__)))
for t in (str, list, dict, tuple, int, float, range):
    print(arr("dir_" + t.__name__, dir(t)))
import sys as _s
print(arr("dir_sys", dir(_s)))
