# oracle-skip: 3.12-32 (pyodide's CPython 3.12.7 makes interned strings mortal again; 3.12.0-3.12.5 and the profile keep them immortal)
# getrefcount of identifier-like string constants: interned, so immortal
# in 3.12 and an ordinary count in 3.11.
import sys
s = "vm_unique_ident_q7"
print(sys.getrefcount(s))
t = "vm_unique_ident_q7"
print(sys.getrefcount(s))
u = "vm_" + "unique_ident_q6"
print(sys.getrefcount(u))
r = sys.intern("vm_unique" + "_ident_q5".upper())
print(sys.getrefcount(r))
x = "runtime" + "_" + str(77)
print(sys.getrefcount(x))
y = sys.intern(x)
print(sys.getrefcount(x), y is x)
