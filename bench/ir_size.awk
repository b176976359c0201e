# bench/ir_size.awk -v d="STATEMENT" FILE: a bench program at its '# ir:'
# size (bench/run.sh's 'ir' mode, scripts/pgo_train.sh). An assignment
# "NAME = VALUE" replaces the program's first top-level line that assigns
# NAME (a module-level program's size); any other statement replaces the
# top-level print lines (a call of the program's function).
BEGIN { assign = d ~ /^[A-Za-z_][A-Za-z_0-9]* = /; if (assign) { name = d; sub(/ = .*/, "", name) } }
assign && !done && index($0, name " = ") == 1 { print d; done = 1; next }
!assign && /^print\(/ { print d; next }
{ print }
