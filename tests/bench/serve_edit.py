#!/usr/bin/env python3
"""How long `serve` takes to update the site after one paper's title is edited, with the published binary.

Usage: serve_edit.py [--papers 10000] [--edits 5] [--portfoliogen PATH] [--cards]

Copies the generated profile of that size (gen_profile.py, as compare.py makes it) into a fresh site folder on tmpfs,
starts `portfoliogen serve` on it, waits for the first build, then edits one title at a time and reads
from the server's log how long each rebuild took ("rebuilt in N ms": from the change being seen to the site
being written), and the server's resident memory (Linux). Python 3 standard library only; run
`bash tests/bench/publish.sh` first.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--papers", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--portfoliogen", default=os.path.join(ROOT, "publish", "portfoliogen"))
    ap.add_argument("--port", type=int, default=5191)
    ap.add_argument("--cards", action="store_true", help="with social cards (the first build draws them all)")
    a = ap.parse_args()
    if not os.path.exists(a.portfoliogen):
        sys.exit(f"{a.portfoliogen} does not exist: run bash tests/bench/publish.sh first")
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    site = tempfile.mkdtemp(prefix="pg-serve-edit-", dir=base)
    try:
        os.makedirs(os.path.join(site, "seeds"))
        os.makedirs(os.path.join(site, "content"))
        profile = os.path.join(site, "seeds", "profile.txt")
        if a.papers == 21:
            shutil.copyfile(os.path.join(ROOT, "seeds", "ang-lv.txt"), profile)
        else:
            subprocess.run([sys.executable, os.path.join(HERE, "gen_profile.py"), str(a.papers), "-o", profile], check=True)
        with open(os.path.join(site, "content", "site.yml"), "w") as f:
            f.write(f"base_url: https://example.org/\nsocial_cards: {'all' if a.cards else 'none'}\n")
        proc = subprocess.Popen([a.portfoliogen, "serve", "--port", str(a.port)], cwd=site,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines = []
        cond = threading.Condition()

        def pump():
            for line in proc.stdout:
                with cond:
                    lines.append(line.rstrip("\n"))
                    cond.notify_all()

        threading.Thread(target=pump, daemon=True).start()

        def wait_for(pattern, start, timeout=600):
            deadline = time.time() + timeout
            with cond:
                while True:
                    for i in range(start, len(lines)):
                        m = re.search(pattern, lines[i])
                        if m:
                            return i, m
                    left = deadline - time.time()
                    if left <= 0 or proc.poll() is not None:
                        sys.exit("serve did not say " + pattern + ":\n" + "\n".join(lines[-20:]))
                    cond.wait(left)

        def memory(field):
            # The server's resident memory now (VmRSS) or at its peak so far (VmHWM), in MiB; Linux only.
            try:
                with open(f"/proc/{proc.pid}/status") as f:
                    return next(int(l.split()[1]) // 1024 for l in f if l.startswith(field + ":"))
            except (OSError, StopIteration):
                return None

        def settled():
            # The session checks its output and collects after a build has been announced: the resident memory once it
            # stops moving (two readings 0.2 s apart within 1 MiB, at most 10 s).
            last = memory("VmRSS")
            for _ in range(50):
                time.sleep(0.2)
                now = memory("VmRSS")
                if now is None or last is None or abs(now - last) <= 1:
                    return now
                last = now
            return last

        at, m = wait_for(r"built in (\d+) ms", 0)
        print(f"{a.papers} papers: first build {m.group(1)} ms")
        first_rss = settled()
        with open(profile, encoding="utf-8") as f:
            text = f.read().split("\n")
        headers = [i for i, l in enumerate(text) if re.match(r"^[A-Z]{2}[A-Z][a-z]{2} \d{1,2}, \d{4}", l)]
        times = []
        for e in range(a.edits):
            time.sleep(1.0)
            title = headers[(e * 7919) % len(headers)] + 1
            text[title] += f" (edited {e})"
            with open(profile + ".tmp", "w", encoding="utf-8") as f:
                f.write("\n".join(text))
            os.replace(profile + ".tmp", profile)
            at, m = wait_for(r"changed: (?:rebuilt in (\d+) ms|build failed)|rebuild failed", at + 1)
            if m.group(1) is None:
                proc.terminate()
                sys.exit("a rebuild failed:\n" + "\n".join(lines[at:at + 20]))
            times.append(int(m.group(1)))
            print(f"edit {e}: {lines[at].split(' ', 1)[1]}")
        times.sort()
        print(f"median {times[len(times) // 2]} ms over {len(times)} edits (target: at most 100 ms)")
        last_rss, peak = settled(), memory("VmHWM")
        if None not in (first_rss, last_rss, peak):
            print(f"server memory: {first_rss} MiB resident after the first build, {last_rss} MiB after the last edit, "
                  f"peak {peak} MiB")
        proc.terminate()
        proc.wait(10)
    finally:
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
