#!/usr/bin/env python3
"""Python's multiprocessing.Pool on the lab's job: the reference the Java pool is measured against.

The guide's program (SHA-512 hex digest of every word of a word list), run serially, with
Pool(n).map at the default chunksize for every n, at set chunksizes and with imap_unordered for
the n of --chunksize-workers (all of them unless given); and ThreadPool(n).map
over a simulated IO task (sleep). Each configuration runs --repeats times; the median is reported.
--workers none or --io-workers none leaves the word job or the sleeps out, serial loop included
(the lab does so when --include keeps nothing they are compared with).
Only the map call is timed: the pool is started (and warmed with a small map) before the clock
starts, as the JMH benchmarks create their pools in @Setup.

With --stream, as the lab's StreamingBenchmark does: a serial loop, Pool(n).imap and
Pool(n).imap_unordered at chunksize 1 over a paced generator that yields word i no earlier than
i intervals after the call starts (the first at once); each call is timed to its first result
and to its last (throughput: (items - 1) / that time, the input's rate when the call keeps up).

Writes the lab's python.json:
  {"python": "3.11.7", "cores": 2, "dataset": "...", "results": [
     {"impl": "PY_SERIAL" | "PY_POOL_MAP" | "PY_POOL_IMAP_UNORDERED" | "PY_THREADPOOL_MAP",
      "workload": "words" | "sleep", "workers": n, "chunksize": "default" | n,
      "samplesSeconds": [...], "medianSeconds": x}, ...]}
  A streaming result has "impl": "PY_SERIAL" | "PY_POOL_IMAP" | "PY_POOL_IMAP_UNORDERED",
  "workload": "stream-<interval>us", "intervalMicros", "items", and "firstResultSeconds" (each
  repetition's time to its first result, beside samplesSeconds, the time to its last).

The lab runs it with --repeats 1 once after each round of its JMH forks, so that Python's runs
are spread over the same hour as the Java figures they are compared with (PythonRounds merges
them into the run's python.json).

Example:
  python3 src/main/python/pool_reference.py --dataset datasets/standin_1m_words.txt \
      --workers 1,2 --chunksizes default,1000 --repeats 3 --out /tmp/python.json
  python3 src/main/python/pool_reference.py --dataset datasets/standin_1m_words.txt \
      --workers 1,2,4 --chunksizes 100,default --chunksize-workers 2 --repeats 1 --out /tmp/python.json
  python3 src/main/python/pool_reference.py --dataset datasets/standin_1m_words.txt \
      --stream 100:1000,10000:20 --stream-workers 2 --out /tmp/python.json
"""

import argparse
import hashlib
import io
import json
import os
import platform
import statistics
import sys
import time
import zipfile
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool


def hash_word(word):
    """The guide's hash_word: a new SHA-512 per word, hex digest."""
    return hashlib.sha512(word.encode("utf-8")).hexdigest()


def sleep_task(item, millis):
    time.sleep(millis / 1000.0)
    return item


class SleepTask:
    """Picklable-free callable for ThreadPool (threads share memory)."""

    def __init__(self, millis):
        self.millis = millis

    def __call__(self, item):
        return sleep_task(item, self.millis)


def load_words(path):
    """One word per line (LF or CRLF), UTF-8; or a .zip holding one text file."""
    if path.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if not n.startswith("__MACOSX/") and not n.endswith("/")]
            if len(names) != 1:
                sys.exit(f"pool_reference.py: {path}: expected one text file in the zip, found {len(names)}")
            text = io.TextIOWrapper(z.open(names[0]), encoding="utf-8").read()
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    return [line.rstrip("\r") for line in text.split("\n")][: -1 if text.endswith("\n") else None]


def int_list(text):
    try:
        values = [int(x) for x in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' must be comma-separated positive integers")
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"'{text}' must be comma-separated positive integers")
    return values


def int_list_or_none(text):
    """Like int_list, or 'none' for an empty list: the lab leaves out a part that pairs with nothing it runs."""
    return [] if text == "none" else int_list(text)


def chunk_list(text):
    out = []
    for x in text.split(","):
        if x == "default":
            out.append("default")
        elif x.isdigit() and int(x) >= 1:
            out.append(int(x))
        else:
            raise argparse.ArgumentTypeError(f"chunksize '{x}' must be 'default' or a positive integer")
    return out


def stream_list(text):
    """INTERVAL_US:ITEMS pairs, comma-separated, e.g. 100:1000,10000:20; empty for none."""
    out = []
    for part in text.split(",") if text else []:
        interval, _, items = part.partition(":")
        if not (interval.isdigit() and items.isdigit() and int(interval) >= 1 and int(items) >= 2):
            raise argparse.ArgumentTypeError(
                f"stream '{part}' must be INTERVAL_US:ITEMS with an interval >= 1 and items >= 2")
        out.append((int(interval), int(items)))
    return out


def paced(words, items, interval_s, start):
    """Word i no earlier than start + i * interval (the first at once), as the lab's PacedInput."""
    n = len(words)
    for i in range(items):
        delay = start + i * interval_s - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        yield words[i % n]


def stream_once(call, words, items, interval_s):
    """One call over a fresh paced input: (seconds to the first result, seconds to the last)."""
    start = time.perf_counter()
    first = None
    n = 0
    for _ in call(paced(words, items, interval_s, start)):
        if n == 0:
            first = time.perf_counter() - start
        n += 1
    total = time.perf_counter() - start
    if n != items:
        raise RuntimeError(f"{n} results for {items} items")
    return first, total


def stream_result(impl, workers, chunksize, interval_us, items, firsts, totals):
    r = result(impl, f"stream-{interval_us}us", workers, chunksize, totals)
    r["intervalMicros"] = interval_us
    r["items"] = items
    r["firstResultSeconds"] = [round(s, 9) for s in firsts]
    return r


def throughput(items, total):
    """(items - 1) / total: the input takes items - 1 intervals, so keeping up is its rate."""
    return (items - 1) / total if total > 0 else float("nan")


def timed(fn, repeats):
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def result(impl, workload, workers, chunksize, samples):
    return {
        "impl": impl,
        "workload": workload,
        "workers": workers,
        "chunksize": chunksize,
        "samplesSeconds": [round(s, 9) for s in samples],
        "medianSeconds": round(statistics.median(samples), 9),
    }


def log(message):
    print(f"[python] {message}", file=sys.stderr, flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", required=True, help="the word list (.txt or .zip)")
    parser.add_argument("--words", type=int, default=0, help="use only the first N words (0 = all)")
    parser.add_argument("--workers", type=int_list_or_none, default=[1, 2],
                        help="Pool sizes, e.g. 1,2,4; 'none' for no word job (nor its serial loop)")
    parser.add_argument("--chunksizes", type=chunk_list, default=["default"], help="map chunksizes")
    parser.add_argument("--chunksize-workers", type=int_list_or_none, default=None,
                        help="the Pool sizes that run --chunksizes and imap_unordered (default: all of"
                             " --workers; 'none' for none); the others run map at the default chunksize only")
    parser.add_argument("--imap-chunksize", type=int, default=1000, help="imap_unordered chunksize")
    parser.add_argument("--io-workers", type=int_list_or_none, default=[20],
                        help="ThreadPool sizes; 'none' for no sleeps (nor their serial loop)")
    parser.add_argument("--sleep-items", type=int, default=100)
    parser.add_argument("--sleep-ms", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--stream", type=stream_list, default=[],
                        help="paced inputs INTERVAL_US:ITEMS,... for imap/imap_unordered (default: none)")
    parser.add_argument("--stream-workers", type=int, default=2, help="Pool size over the paced inputs")
    parser.add_argument("--out", required=True, help="where to write python.json")
    args = parser.parse_args(argv)
    if args.repeats < 1 or args.words < 0 or args.imap_chunksize < 1 or args.stream_workers < 1:
        parser.error("--repeats, --imap-chunksize and --stream-workers must be >= 1, --words >= 0")
    if not os.path.isfile(args.dataset):
        parser.error(f"--dataset {args.dataset} is not a file")

    chunksize_workers = args.workers if args.chunksize_workers is None else args.chunksize_workers
    unknown = [n for n in chunksize_workers if n not in args.workers]
    if unknown:
        parser.error(f"--chunksize-workers {unknown} must be among --workers {args.workers}")

    words = load_words(args.dataset)
    if args.words > 0:
        words = words[: args.words]
    log(f"Loaded {len(words)} words from {args.dataset}")
    results = []

    if args.workers:  # the serial loop is what the pools' speed-ups divide by: only beside them
        samples = timed(lambda: [hash_word(w) for w in words], args.repeats)
        results.append(result("PY_SERIAL", "words", 1, "default", samples))
        log(f"serial: {statistics.median(samples):.3f} s")

    for n in args.workers:
        with Pool(n) as pool:
            pool.map(hash_word, words[:1000])  # start the workers before timing
            all_calls = n in chunksize_workers
            for c in args.chunksizes if all_calls else ["default"]:
                if c == "default":
                    samples = timed(lambda: pool.map(hash_word, words), args.repeats)
                else:
                    samples = timed(lambda: pool.map(hash_word, words, c), args.repeats)
                results.append(result("PY_POOL_MAP", "words", n, c, samples))
                log(f"Pool({n}).map chunksize {c}: {statistics.median(samples):.3f} s")
            if not all_calls:
                continue
            samples = timed(
                lambda: sum(1 for _ in pool.imap_unordered(hash_word, words, args.imap_chunksize)),
                args.repeats,
            )
            results.append(result("PY_POOL_IMAP_UNORDERED", "words", n, args.imap_chunksize, samples))
            log(f"Pool({n}).imap_unordered chunksize {args.imap_chunksize}: {statistics.median(samples):.3f} s")

    task = SleepTask(args.sleep_ms)
    items = list(range(args.sleep_items))
    if args.io_workers:
        samples = timed(lambda: [task(i) for i in items], args.repeats)
        results.append(result("PY_SERIAL", "sleep", 1, "default", samples))
    for n in args.io_workers:
        with ThreadPool(n) as pool:
            samples = timed(lambda: pool.map(task, items), args.repeats)
        results.append(result("PY_THREADPOOL_MAP", "sleep", n, "default", samples))
        log(f"ThreadPool({n}).map {args.sleep_items} sleeps of {args.sleep_ms} ms: {statistics.median(samples):.3f} s")

    if args.stream:
        n = args.stream_workers
        with Pool(n) as pool:
            pool.map(hash_word, words[:1000])  # start the workers before timing
            calls = [
                ("PY_SERIAL", 1, "default", lambda gen: (hash_word(w) for w in gen)),
                ("PY_POOL_IMAP", n, 1, lambda gen: pool.imap(hash_word, gen, 1)),
                ("PY_POOL_IMAP_UNORDERED", n, 1, lambda gen: pool.imap_unordered(hash_word, gen, 1)),
            ]
            for interval_us, items in args.stream:
                times = {impl: ([], []) for impl, _, _, _ in calls}
                for _ in range(args.repeats):  # the three calls take turns, as JMH's rounds do
                    for impl, _, _, call in calls:
                        first, total = stream_once(call, words, items, interval_us / 1e6)
                        times[impl][0].append(first)
                        times[impl][1].append(total)
                for impl, workers, chunksize, _ in calls:
                    firsts, totals = times[impl]
                    results.append(stream_result(impl, workers, chunksize, interval_us, items, firsts, totals))
                    rates = [throughput(items, t) for t in totals]
                    log(f"{impl} over {items} items every {interval_us} us: first result "
                        f"{statistics.median(firsts) * 1e6:.0f} us, {statistics.median(rates):.0f} items/s"
                        f" (input {1e6 / interval_us:.0f}/s)")

    out = {
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "dataset": os.path.abspath(args.dataset),
        "results": results,
    }
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    os.replace(tmp, args.out)
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
