#!/usr/bin/env python3
"""Helpers of tests/stepper.sh (scripted sessions of 'tracevm step').

  check.py session BIN FILE.session
      Runs the session: '#prog: PATH' (relative to the repository) names
      the program, '#opts: ...' adds options, every other line is sent as a
      command ('<empty>' sends an empty line, '<input> TEXT' a line that the
      program's input() reads). '#> REGEX' after a command
      requires a line of that command's output to match; '#! REGEX' forbids
      one. Prints PASS/FAIL lines; exit 1 on any failure.

  check.py hashes BIN PROG [OPTIONS...]
      Steps the program forward one instruction at a time recording the
      state hash of every step, then revisits every step backwards ('back'),
      in a shuffled order ('goto'), and again forwards after going back; every
      visit of a step must give the same hash.

  check.py big BIN PROG [OPTIONS...]
      A program of about a million steps: goto and back at any distance are
      exact and each answers within STEPPER_TIME_LIMIT seconds (default 1).

  check.py tty BIN PROG
      On a pseudo-terminal: line editing, history, colour, NO_COLOR.
"""
import os
import random
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROMPT = "(tvm) "


def run_step(binp, prog, opts, commands, timeout=120):
    with tempfile.TemporaryDirectory() as cwd:
        p = subprocess.run([binp, "step", "--color", "never"] + opts + [prog],
                           input="\n".join(commands) + "\nquit\n", capture_output=True,
                           text=True, cwd=cwd, timeout=timeout, env=dict(os.environ, NO_COLOR=""))
    return p.returncode, p.stdout, p.stderr


def split_output(out):
    """[(command, [lines])], the first entry is (None, start-up lines)."""
    chunks = [(None, [])]
    for line in out.split("\n"):
        if line.startswith(PROMPT):
            chunks.append((line[len(PROMPT):], []))
        else:
            chunks[-1][1].append(line)
    return chunks


def session(binp, path):
    prog, opts, cmds, expects = None, [], [], []
    sent = []                       # what goes to the stepper, input lines included
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("#prog:"):
                prog = os.path.join(ROOT, line[6:].strip())
            elif line.startswith("#opts:"):
                opts += line[6:].split()
            elif line.startswith("#>") or line.startswith("#!"):
                expects.append((len(cmds) - 1, line[:2] == "#>", line[2:].strip()))
            elif line.startswith("#") or not line.strip() and line != "":
                continue
            elif line == "":
                continue
            elif line.startswith("<input> "):
                sent.append(line[8:])       # read by input(): no prompt of its own
            else:
                cmds.append("" if line == "<empty>" else line)
                sent.append(cmds[-1])
    rc, out, err = run_step(binp, prog, opts, sent)
    name = os.path.basename(path)
    chunks = split_output(out)
    # chunks[0] is the start-up; chunks[i + 1] belongs to cmds[i] (input lines echo with 'input> ')
    per_cmd = [lines for _, lines in chunks[1:]]
    fails = 0
    if rc != 0:
        print("FAIL %s: exit %d\n%s" % (name, rc, err[-2000:]))
        return 1
    for idx, must, rx in expects:
        lines = chunks[0][1] if idx < 0 else (per_cmd[idx] if idx < len(per_cmd) else [])
        hit = any(re.search(rx, l) for l in lines)
        if hit != must:
            fails += 1
            what = cmds[idx] if idx >= 0 else "(start)"
            print("FAIL %s: after %r, %s /%s/; the output was:\n    %s" % (
                name, what, "no line matches" if must else "a line matches", rx, "\n    ".join(lines[:40])))
    if not fails:
        print("PASS %s (%d commands, %d checks)" % (name, len(cmds), len(expects)))
    return 1 if fails else 0


HASH = re.compile(r"^state ([0-9a-f]{16}) at step (\d+)$")


def hashes_of(out):
    return [(int(m.group(2)), m.group(1)) for m in map(HASH.match, out.split("\n")) if m]


def hashes(binp, prog, opts):
    prog = os.path.abspath(prog)
    rc, out, err = run_step(binp, prog, opts, ["c", "info s"])
    m = re.search(r"at step (\d+);", out)
    if rc or not m:
        print("FAIL %s: cannot find the number of steps (exit %d) %s" % (prog, rc, err[-500:]))
        return 1
    n = int(m.group(1))
    fwd = []
    for _ in range(n + 1):
        fwd += ["state-hash", "step"]
    back = ["state-hash"] + ["back", "state-hash"] * n
    order = list(range(n + 1))
    random.Random(n).shuffle(order)
    jumps = []
    for k in order:
        jumps += ["goto %d" % k, "state-hash"]
    again = ["goto 0"] + ["step", "state-hash"] * n
    rc, out, err = run_step(binp, prog, opts, fwd + back + jumps + again, timeout=300)
    seen = {}
    bad = []
    got = hashes_of(out)
    for step, h in got:
        if seen.setdefault(step, h) != h:
            bad.append(step)
    want = (n + 1) * 3 + n
    name = "%s %s" % (os.path.relpath(prog, ROOT), " ".join(opts))
    if rc or len(got) != want or bad or sorted(seen) != list(range(n + 1)):
        print("FAIL %s: exit %d, %d hashes of %d, steps differing: %s %s" % (name, rc, len(got), want, bad[:10], err[-500:]))
        return 1
    print("PASS %s: %d steps, every step the same forward, back, by goto and again" % (name, n))
    return 0


class Driver:
    """A stepper driven one command at a time, timing each answer."""

    def __init__(self, binp, prog, opts):
        self.cwd = tempfile.TemporaryDirectory()
        self.p = subprocess.Popen([binp, "step", "--color", "never"] + opts + [prog], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, cwd=self.cwd.name, bufsize=0)
        self.read()

    def read(self):
        buf = bytearray()
        while not buf.endswith(PROMPT.encode()):
            c = self.p.stdout.read(1)
            if not c:
                break
            buf += c
        return buf.decode()

    def cmd(self, c):
        t = time.time()
        self.p.stdin.write((c + "\n").encode())
        out = self.read()
        return out, time.time() - t

    def close(self):
        self.p.stdin.write(b"quit\n")
        self.p.stdin.close()
        self.p.wait(timeout=60)
        self.cwd.cleanup()
        return self.p.returncode


def big(binp, prog, opts):
    """goto and back over a million steps: exact, and each answer fast."""
    prog = os.path.abspath(prog)
    fails = 0
    d = Driver(binp, prog, opts)

    def check(what, ok, detail=""):
        nonlocal fails
        print("%s %s%s" % ("PASS" if ok else "FAIL", what, "" if ok else ": " + detail))
        fails += 0 if ok else 1

    def hash_of(out):
        m = HASH.search(out.replace("(tvm) ", "\n"))
        return m and (int(m.group(2)), m.group(1))

    HASH_ = re.compile(r"state ([0-9a-f]{16}) at step (\d+)")
    hash_of = lambda out: (lambda m: m and (int(m.group(2)), m.group(1)))(HASH_.search(out))
    h0 = hash_of(d.cmd("state-hash")[0])
    out, t = d.cmd("goto 1000000")
    check("goto 1000000 (first time: runs the million steps) in %.2f s" % t, "step 1000000  line" in out, out[-300:])
    h1 = hash_of(d.cmd("state-hash")[0])
    limit = float(os.environ.get("STEPPER_TIME_LIMIT", "1.0"))
    for c in ("goto 0", "goto 999999", "step", "back", "back 1000", "goto 500000", "goto 1000000", "back 1000000"):
        out, t = d.cmd(c)
        check("%-14s answers in %.3f s (limit %.1f s)" % (c, t, limit), t < limit, "%.3f s" % t)
    check("back 1000000 reaches step 0 with the state of the start", hash_of(d.cmd("state-hash")[0]) == h0)
    d.cmd("goto 999999")
    d.cmd("step")
    check("step 999999 -> 1000000 after going back gives the same state",
          hash_of(d.cmd("state-hash")[0]) == h1)
    out, _ = d.cmd("b 7")
    out, t = d.cmd("c")
    check("continue to a breakpoint on the last line (%.2f s)" % t, "Breakpoint 1, line 7" in out, out[-300:])
    m = re.search(r"^step (\d+) ", out, re.M)
    end = int(m.group(1)) if m else 0
    out, _ = d.cmd("goto 0")
    out, _ = d.cmd("watch total")
    out, _ = d.cmd("delete 1")
    out, t = d.cmd("c")
    check("a watch stops where 'total' is first bound", "Watchpoint 2: total" in out and "step 2 " in out, out[-400:])
    out, t = d.cmd("c")
    check("and where it is rebound (0 + 0 is the same object: at 0 + 1)",
          "Watchpoint 2: total" in out and re.search(r"new: int 1 @", out) is not None, out[-400:])
    out, t = d.cmd("goto %d" % end)
    out, t = d.cmd("p total")
    check("p total at the last line: %s" % out.split("\n")[1].strip(), "total = 11249925000" in out, out[:200])
    out, _ = d.cmd("info c")
    n = re.search(r"(\d+) checkpoints", out)
    check("checkpoints stay within the cap: %s" % (n and n.group(0)), n is not None)
    rc = d.close()
    check("quit exits 0", rc == 0, str(rc))
    return 1 if fails else 0


def tty(binp, prog):
    """Line editing, history and colour on a terminal; NO_COLOR respected."""
    import pty
    import select
    fails = 0

    def talk(env, keys):
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(tempfile.gettempdir())
            os.execve(binp, [binp, "step", prog], env)
        out = bytearray()

        def drain(until=None, timeout=10.0):
            """Reads until 'until' has shown up and the output is quiet."""
            end = time.time() + timeout
            start = len(out)
            while time.time() < end:
                r, _, _ = select.select([fd], [], [], 0.25)
                if r:
                    try:
                        chunk = os.read(fd, 4096)
                    except OSError:
                        return
                    if not chunk:
                        return
                    out.extend(chunk)
                elif until is None or until in out[start:]:
                    return
        drain(b"(tvm) ")
        for k in keys:
            os.write(fd, k)
            drain(b"(tvm) ")
        os.write(fd, b"quit\r")
        drain(None, 3.0)
        for _ in range(100):                    # 10 s, then give up on it
            if os.waitpid(pid, os.WNOHANG)[0]:
                break
            time.sleep(0.1)
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            out.extend(b"\n(the stepper did not quit: killed)\n")
        os.close(fd)
        return out.decode("utf-8", "replace")

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm"
    # 'stex' then backspace, 'p' = "step"; " 2" appended after moving with ^A/^E; up-arrow repeats it
    out = talk(env, [b"stex\x7fp\x01\x05 2\r", b"\x1b[A\r", b"goto 1\r"])
    plain = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", out)
    ok = "step 2  " in plain and "step 4  " in plain and "step 1  " in plain
    if not ok:
        print(repr(plain[-3000:]))
    print("%s tty: editing keys and history (up arrow) work" % ("PASS" if ok else "FAIL"))
    fails += 0 if ok else 1
    ok = "\x1b[33m" in out
    print("%s tty: changes are coloured on a terminal" % ("PASS" if ok else "FAIL"))
    fails += 0 if ok else 1
    env["NO_COLOR"] = "1"
    out = talk(env, [b"step\r"])
    ok = "\x1b[33m" not in out and "* r0 = int 5" in out
    print("%s tty: NO_COLOR=1 gives marker characters instead of colour" % ("PASS" if ok else "FAIL"))
    fails += 0 if ok else 1
    return 1 if fails else 0


def main():
    if sys.argv[1] == "session":
        return session(sys.argv[2], sys.argv[3])
    if sys.argv[1] == "hashes":
        return hashes(sys.argv[2], sys.argv[3], sys.argv[4:])
    if sys.argv[1] == "big":
        return big(sys.argv[2], sys.argv[3], sys.argv[4:])
    if sys.argv[1] == "tty":
        return tty(sys.argv[2], os.path.abspath(sys.argv[3]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
