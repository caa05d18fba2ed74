#!/usr/bin/env python3
"""PortfolioGen against Hugo on the same generated profiles, in alternation, on the same machine.

Usage: compare.py [--runs N] [--sizes 21,1000,10000] [--portfoliogen PATH] [--cards]

For each size it makes the profile (gen_profile.py; the reference profile for 21) and the equivalent Hugo
site (to_hugo.py), then alternates: Hugo full build, PortfolioGen full build, each into an empty folder on
tmpfs (/dev/shm), N times. It prints the medians of wall time and peak RSS and the ratios the performance
targets are stated in (PortfolioGen / Hugo), plus the 10,000 / 1,000 growth of PortfolioGen's time.
Each run deletes the last run's output first and times that deletion on its own, so two time ratios are printed:
the build alone (the process from start to exit, into an empty folder), and the build with the deletion, as the
shared kit's command (`sh -c 'rm -rf OUT && exec TOOL'`) times it. The deletion is not the generator's work but
grows with what it writes: PortfolioGen's 52,000 files at 10,000 papers take ~0.6 s to delete, Hugo's 12,000 ~0.3 s.
PORTFOLIOGEN defaults to the NativeAOT binary that `bash tests/bench/publish.sh` writes to ./publish/.
Python 3 standard library only.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from run_bench import run_once  # noqa: E402


def prepare(size, work, cards):
    site = os.path.join(work, f"pg{size}")
    hugo = os.path.join(work, f"hugo{size}")
    os.makedirs(os.path.join(site, "seeds"), exist_ok=True)
    profile = os.path.join(site, "seeds", "profile.txt")
    if size == 21:
        shutil.copyfile(os.path.join(ROOT, "seeds", "ang-lv.txt"), profile)
    elif not os.path.exists(profile):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_profile.py"), str(size), "-o", profile], check=True)
    if not os.path.exists(hugo):
        subprocess.run([sys.executable, os.path.join(HERE, "to_hugo.py"), profile, hugo], check=True, stdout=subprocess.DEVNULL)
    # Hugo's site has no social cards; unless --cards, neither has PortfolioGen's (the same page set).
    os.makedirs(os.path.join(site, "content"), exist_ok=True)
    with open(os.path.join(site, "content", "site.yml"), "w") as f:
        f.write(f"social_cards: {'all' if cards else 'none'}\n")
    return site, hugo


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="21,1000,10000")
    ap.add_argument("--portfoliogen", default=os.path.join(ROOT, "publish", "portfoliogen"))
    ap.add_argument("--work", default=os.path.join("/tmp", "portfoliogen-compare"))
    ap.add_argument("--cards", action="store_true", help="build PortfolioGen's social cards too (from a warm cache after the warm-up run)")
    a = ap.parse_args()
    if not shutil.which("hugo"):
        sys.exit("hugo is needed: apt-get install -y hugo")
    if not os.path.exists(a.portfoliogen):
        sys.exit(f"{a.portfoliogen} does not exist: run bash tests/bench/publish.sh first")
    os.makedirs(a.work, exist_ok=True)
    out = "/dev/shm" if os.path.isdir("/dev/shm") else a.work
    results = {}
    for size in [int(s) for s in a.sizes.split(",")]:
        site, hugo = prepare(size, a.work, a.cards)
        pg_out = os.path.join(out, f"pg-out-{size}")
        hugo_out = os.path.join(out, f"hugo-out-{size}")
        pg_cmd = ["sh", "-c", f"cd {site} && exec {a.portfoliogen} build --quiet --base-url https://example.org/ -o {pg_out}"]
        hugo_cmd = ["sh", "-c", f"exec hugo --quiet -s {hugo} -d {hugo_out}"]

        def timed(cmd, output):
            # (build wall, build with the deletion before it, peak RSS, exit code)
            deletion = run_once(["rm", "-rf", output])[0]
            wall, _, rss, code = run_once(cmd)
            return wall, deletion + wall, rss, code

        # One warm-up each (file cache), then alternate.
        timed(hugo_cmd, hugo_out)
        code = timed(pg_cmd, pg_out)[3]
        if code != 0:
            sys.exit(f"portfoliogen failed on {size} papers (exit {code})")
        rows = {"hugo": [], "portfoliogen": []}
        for _ in range(a.runs):
            rows["hugo"].append(timed(hugo_cmd, hugo_out))
            rows["portfoliogen"].append(timed(pg_cmd, pg_out))
        results[size] = {k: tuple(statistics.median(r[i] for r in v) for i in range(3)) for k, v in rows.items()}
        h, p = results[size]["hugo"], results[size]["portfoliogen"]
        print(f"{size:>6} papers   hugo {h[0]:7.3f} s {h[2]:7.1f} MiB   portfoliogen {p[0]:7.3f} s {p[2]:7.1f} MiB"
              f"   ratio time {p[0] / h[0]:5.2f}  memory {p[2] / h[2]:5.2f}"
              f"   with deleting the last output: {h[1]:.3f} / {p[1]:.3f} s = {p[1] / h[1]:.2f}", flush=True)
    if 1000 in results and 10000 in results:
        growth = results[10000]["portfoliogen"][0] / results[1000]["portfoliogen"][0]
        print(f"growth 1,000 -> 10,000 papers: {growth:.1f}x (target at most 12x)")
    print(f"medians of {a.runs} alternating runs; social cards {'on' if a.cards else 'off'}; output to {out}; targets: time <= 0.8x (1,000 and 10,000), <= 1.0x (21); memory <= 1.0x")


if __name__ == "__main__":
    main()
