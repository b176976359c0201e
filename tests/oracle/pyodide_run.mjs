// tests/oracle/pyodide_run.mjs: runs Python files as scripts on pyodide
// (CPython 3.12.7 compiled to wasm32), the project's 32-bit oracle.
//
//   node pyodide_run.mjs FILE.py [ARG...]
//       One file, in a fresh interpreter, through Py_RunMain (pyodide's
//       _run_main): the same code path as `python3 FILE.py`. Streams stdout
//       and stderr and exits with the script's exit code.
//   node pyodide_run.mjs --outdir DIR FILE.py...
//       Many files in ONE interpreter (start-up costs ~3 s, a run ~ms). Each
//       file goes through PyRun_SimpleFileExFlags, the function Py_RunMain
//       itself ends in, after __main__ is reset to its start-up contents.
//       Writes DIR/<i>.out, DIR/<i>.err and DIR/<i>.rc for the i-th file
//       (i counts from 1).
//
// The host's current directory is mounted (NODEFS) at the same path, so
// relative paths, tracebacks and files the script writes behave as on the
// host. A file outside it is copied into the in-memory FS at its path.
// Where pyodide is: $TRACEVM_PYODIDE_DIR, else ./node_modules/pyodide next
// to this script. Exit 77 when it is missing.
//
// Why not pyodide.runPython(src)? For `n = 123456; sys.getrefcount(n)` a
// real script prints 4 (co_consts + the parsed AST, alive while the module
// runs + the name + the argument). runPython also prints 4, but for another
// reason: it keeps its Python-level ast.Module alive, whose Constant nodes
// hold the literal. Constants the compiler makes by folding (-1000, 10**6,
// (1001, 1002, 1003), 'ab' + ' cd') are not in that tree, so runPython gives
// 3 where a script gives 4. exec(compile(src)) gives 3 everywhere; exec(src)
// (PyRun_StringFlags, which keeps the C AST) gives 4 everywhere but names
// the file "<string>". Both modes here take the script path and match a
// real script in every case tried (tests/diff, programs), and the batch
// mode matches the single mode output for output on all of tests/diff.
//
// What still differs from i386 CPython 3.12 (what the 32-bit profiles
// simulate): every dict is 4 bytes larger (wasm32 aligns the 8-byte
// ma_version_tag to 8), and CPython 3.12.7 has interned strings mortal
// again (python/cpython#123065, from 3.12.6), so getrefcount of an
// identifier-like string constant is an ordinary count (4 for a fresh one)
// instead of 1073741823. Not in the npm package: sqlite3 (pyodide loads it
// from its CDN), so `import sqlite3` fails. input() reads stdin in single
// mode and gets EOF in batch mode.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const pyodideDir = process.env.TRACEVM_PYODIDE_DIR || path.join(here, "node_modules", "pyodide");
const entry = path.join(pyodideDir, "pyodide.mjs");
if (!fs.existsSync(entry)) {
  process.stderr.write(`oracle 3.12-32 missing: no ${entry} (run tests/oracle/install.sh)\n`);
  process.exit(77);
}
const { loadPyodide } = await import(pathToFileURL(entry).href);

const argv = process.argv.slice(2);
let outdir = null;
if (argv[0] === "--outdir") { outdir = argv[1]; argv.splice(0, 2); }
if (argv.length === 0) {
  process.stderr.write("usage: pyodide_run.mjs [--outdir DIR] FILE.py...\n");
  process.exit(2);
}
const cwd = process.cwd();

function mountCwd(FS) {
  // Mount the host cwd at the same path; fails harmlessly for "/" and for
  // paths the in-memory FS already uses.
  try {
    FS.mkdirTree(cwd);
    FS.mount(FS.filesystems.NODEFS, { root: cwd }, cwd);
    return true;
  } catch (e) {
    return false;
  }
}

let mounted = false;
async function load(args) {
  const py = await loadPyodide({
    args,
    // pyodide defaults PYTHONINSPECT=1 (it would enter the REPL after the
    // script); HOME = cwd makes pyodide start in the mounted cwd, so relative
    // paths resolve as on the host (Py_RunMain makes argv[0] absolute then).
    env: { HOME: cwd, PYTHONINSPECT: "" },
    fsInit: (FS) => { mounted = mountCwd(FS); },
    stdout: () => {}, stderr: () => {},
  });
  return py;
}

function ensureVisible(py, file) {
  // Returns the file's absolute path (what Py_RunMain passes on, so
  // __file__ and tracebacks match a real script), copying the file into the
  // in-memory FS when the mounted cwd does not hold it.
  const abs = path.resolve(cwd, file);
  if (mounted && abs.startsWith(cwd === "/" ? "/" : cwd + "/")) return abs;
  py.FS.mkdirTree(path.dirname(abs));
  py.FS.writeFile(abs, fs.readFileSync(abs));
  return abs;
}

function writer(sink) {
  return { write: (buf) => { sink(buf); return buf.length; }, isatty: false };
}

if (outdir === null) {
  // ---- single file: Py_RunMain, exactly like `python3 FILE ARGS` ----
  const file = argv[0];
  if (!fs.existsSync(path.resolve(cwd, file))) {
    process.stderr.write(`python3: can't open file '${path.resolve(cwd, file)}': [Errno 2] No such file or directory\n`);
    process.exit(2);
  }
  const py = await load(argv);
  ensureVisible(py, file);
  py.setStdout(writer((b) => fs.writeSync(1, b)));
  py.setStderr(writer((b) => fs.writeSync(2, b)));
  let rc;
  try {
    rc = py._module._run_main();
  } catch (e) {
    if (e && typeof e.status === "number") rc = e.status;
    else { process.stderr.write(`pyodide_run: ${e}\n`); rc = 70; }
  }
  process.exit(rc);
}

// ---- many files in one interpreter ----
fs.mkdirSync(outdir, { recursive: true });
const HELPER = `
import sys, gc, __main__
_start = dict(__main__.__dict__)
def reset(argv0):
    d = __main__.__dict__
    d.clear()
    d.update(_start)
    sys.argv[:] = [argv0]
    gc.collect()
def flush():
    for s in (sys.stdout, sys.stderr):
        try:
            s.flush()
        except Exception:
            pass
`;
let py = null, reset = null, flush = null, out = [], err = [];
async function start() {
  py = await load([]);
  py.setStdout(writer((b) => out.push(Buffer.from(b))));
  py.setStderr(writer((b) => err.push(Buffer.from(b))));
  py.setStdin({ stdin: () => null });  // input() sees EOF, as with </dev/null
  const ns = py.toPy({});
  py.runPython(HELPER, { globals: ns });
  reset = ns.get("reset");
  flush = ns.get("flush");
}
await start();
for (let i = 0; i < argv.length; i++) {
  const file = argv[i];
  out = []; err = [];
  let rc;
  if (!fs.existsSync(path.resolve(cwd, file))) {
    err.push(Buffer.from(`can't open file '${file}'\n`));
    rc = 2;
  } else {
    const name = ensureVisible(py, file);
    reset(file);
    const m = py._module;
    const pName = m.stringToNewUTF8(name), pMode = m.stringToNewUTF8("r");
    try {
      const fp = m._fopen(pName, pMode);
      rc = fp ? (m._PyRun_SimpleFileExFlags(fp, pName, 1, 0) === 0 ? 0 : 1) : 2;
      flush();
    } catch (e) {
      // SystemExit ends in exit(): the runtime is gone, so start a new one.
      rc = e && typeof e.status === "number" ? e.status : 70;
      if (rc === 70) err.push(Buffer.from(`pyodide_run: ${e}\n`));
      await start();
    }
    m._free(pName); m._free(pMode);
  }
  const base = path.join(outdir, String(i + 1));
  fs.writeFileSync(base + ".out", Buffer.concat(out));
  fs.writeFileSync(base + ".err", Buffer.concat(err));
  fs.writeFileSync(base + ".rc", `${rc}\n`);
}
process.exit(0);
