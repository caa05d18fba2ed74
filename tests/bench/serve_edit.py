#!/usr/bin/env python3
"""How long `serve` takes to update the site after one paper is edited, with the published binary.

Usage: serve_edit.py [--papers 10000] [--edits 5] [--edit abstract|title] [--portfoliogen PATH] [--cards]

Copies the generated profile of that size (gen_profile.py, as compare.py makes it) into a fresh site folder on tmpfs,
starts `portfoliogen serve` on it and waits for the first build. Then, one paper at a time, it opens that paper's
page as a browser does (an event-stream connection that names the page), edits the end of the paper's abstract (or,
with --edit title, its title), and reads from the server's log:
  - "shown in N ms": from the change being seen to the open page being served with the edit (serve renders the open
    paper pages ahead of the rest of the site);
  - "rebuilt in N ms": from the change being seen to the whole site being written.
Both count any wait for the last rebuild and its tidying (the log says how long; so does the summary).
It checks that the page was told to reload and that the server then serves it with the edit. A title edit that
changes the paper's slug moves its page: the open page is told to move, and the page at its new place is checked. It
also prints the server's resident memory (Linux). Python 3 standard library only; run `bash tests/bench/publish.sh`
first.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--papers", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--portfoliogen", default=os.path.join(ROOT, "publish", "portfoliogen"))
    ap.add_argument("--port", type=int, default=5191)
    ap.add_argument("--cards", action="store_true", help="with social cards (the first build draws them all)")
    ap.add_argument("--edit", choices=["abstract", "title"], default="abstract", help="what to edit in each paper")
    a = ap.parse_args()
    if not os.path.exists(a.portfoliogen):
        sys.exit(f"{a.portfoliogen} does not exist: run bash tests/bench/publish.sh first")
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    site = tempfile.mkdtemp(prefix="pg-serve-edit-", dir=base)
    proc = None
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
        # The papers' slugs, in file order (the parse command lists them so).
        parsed = json.loads(subprocess.run([a.portfoliogen, "parse", profile, "--json"], capture_output=True, text=True, check=True).stdout)
        slugs = [p["slug"] for p in parsed["papers"]]
        if len(slugs) != len(headers):
            sys.exit(f"the profile has {len(headers)} entries but parse lists {len(slugs)} papers")
        base = f"http://127.0.0.1:{a.port}"

        def viewer(page, events, connected):
            # An open page: the event stream the live-reload script holds, naming the page it shows.
            try:
                with urllib.request.urlopen(f"{base}/__portfoliogen/events?page={urllib.parse.quote(page, safe='')}", timeout=120) as r:
                    connected.set()
                    for raw in r:
                        line = raw.decode("utf-8").strip()
                        if line.startswith("event: "):
                            events.append([line[7:], None])
                        elif line.startswith("data: ") and events:
                            events[-1][1] = line[6:]
            except OSError:
                pass

        times, shown_times, waits = [], [], []
        for e in range(a.edits):
            time.sleep(1.0)
            n = (e * 7919) % len(headers)
            page = f"/papers/{slugs[n]}/"
            events, connected = [], threading.Event()
            threading.Thread(target=viewer, args=(page, events, connected), daemon=True).start()
            if not connected.wait(10):
                sys.exit("could not open the event stream")
            time.sleep(0.3)
            if a.edit == "title":
                edited = headers[n] + 1
            else:
                end = headers[n + 1] if n + 1 < len(headers) else len(text)
                edited = max(i for i in range(headers[n] + 1, end) if text[i].strip())
            text[edited] += f" (edited {e})"
            with open(profile + ".tmp", "w", encoding="utf-8") as f:
                f.write("\n".join(text))
            os.replace(profile + ".tmp", profile)
            start = at + 1
            at, m = wait_for(r"changed: (?:rebuilt in (\d+) ms|build failed)|rebuild failed", start)
            if m.group(1) is None:
                proc.terminate()
                sys.exit("a rebuild failed:\n" + "\n".join(lines[at:at + 20]))
            times.append(int(m.group(1)))
            shown = next((re.search(r" shown in (\d+) ms", l) for l in lines[start:at] if " shown in " in l), None)
            names = [name for name, _ in events]
            # A title edit that changed the slug: the open page was sent to its paper's new place.
            moved = next((json.loads(data) for name, data in events if name == "move"), None)
            if moved:
                slugs[n] = moved.strip("/").split("/")[-1]
            if shown:
                shown_times.append(int(shown.group(1)))
                body = urllib.request.urlopen(base + (moved or page), timeout=30).read().decode("utf-8")
                if f"(edited {e})" not in body or ("move" if moved else "reload") not in names:
                    sys.exit(f"{moved or page} was said to be shown but the server does not serve the edit, or the page was not told")
            waited = re.search(r"\((\d+) ms of it waiting for the last rebuild\)", lines[at])
            if waited:
                waits.append(int(waited.group(1)))
            print(f"edit {e}: {'shown in ' + shown.group(1) + ' ms' + (' at its new place' if moved else '') + ', ' if shown else 'not shown ahead, '}{lines[at].split(' ', 1)[1]}")
        times.sort()
        shown_times.sort()
        if shown_times:
            print(f"open page shown: median {shown_times[len(shown_times) // 2]} ms over {len(shown_times)} edits (target: at most 100 ms)")
        print(f"whole site rebuilt: median {times[len(times) // 2]} ms over {len(times)} edits")
        if waits:
            # Both times run from the change seen; a change saved while the last rebuild (or its tidying) ran waits for it.
            print(f"{len(waits)} of {len(times)} edits waited for the last rebuild first: {', '.join(map(str, waits))} ms (counted in the times above)")
        last_rss, peak = settled(), memory("VmHWM")
        if None not in (first_rss, last_rss, peak):
            print(f"server memory: {first_rss} MiB resident after the first build, {last_rss} MiB after the last edit, "
                  f"peak {peak} MiB")
        proc.terminate()
        proc.wait(10)
    finally:
        # A run that stopped early (a failed build, an edit not seen) must not leave the server holding the port.
        if proc is not None and proc.poll() is None:
            proc.terminate()
            proc.wait(10)
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
