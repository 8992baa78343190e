#!/usr/bin/env python3
"""Edits one programme of a running `gongkai serve` and times what an author waits for.

    serve_edits.py PORT CONTENT_DIR SLUG ROUNDS PID

Each round appends a marker to the programme's title in programme.yaml, then measures:
  reload   from the write to the `reload` event on the preview's event stream
           (includes the 15 ms the watcher waits for an editor's burst of writes to settle)
  <page>   the time to fetch each page that shows the programme, after the event (parts of
           the site render when first asked for, so this is when they are made)
and checks that the programme page, its province's page (on a small site, the regions page)
and the Atom feed carry the new title. The file is restored at the end. Prints one line a round and the medians.
"""
import re
import socket
import statistics
import sys
import time
import urllib.request

PAGES = [
    ("programme", "/programmes/{slug}/index.html"),
    ("home", "/"),
    ("regions", "/regions/"),
    ("province", "{province_page}"),
    ("status", "/status/"),
    ("indicator", "/indicators/beds-per-1000/"),
    ("feed", "/feed.xml"),
]


def main():
    port, content, slug, rounds, pid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    events = socket.create_connection(("127.0.0.1", int(port)))
    events.sendall(b"GET /__gongkai/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
    events.settimeout(120)
    buffered = b""

    def next_event():
        nonlocal buffered
        while True:
            found = re.search(rb"event: (\w+)\n", buffered)
            if found:
                buffered = buffered[found.end():]
                return found.group(1).decode()
            chunk = events.recv(65536)
            if not chunk:
                raise SystemExit("event stream closed")
            buffered += chunk

    def fetch(path):
        started = time.perf_counter()
        body = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}").read()
        return (time.perf_counter() - started) * 1000, body

    time.sleep(0.5)
    yaml = f"{content}/programmes/{slug}/programme.yaml"
    original = open(yaml, encoding="utf-8").read()
    title = re.search(r'^title: "?([^"\n]*)', original, re.M).group(1)
    # A large site lists programmes on a page per province, linked from the regions page.
    province = re.search(r"province: ([^,}\s]+)", original).group(1)
    _, overview = fetch("/regions/")
    linked = re.search(rf'href="([^"]+)">{province}</a>', overview.decode())
    province_page = "/regions/" + linked.group(1) if linked else "/regions/"
    times = {name: [] for name in ["reload"] + [p for p, _ in PAGES]}
    try:
        for round_ in range(rounds):
            marker = f"（修订{round_}）"
            started = time.perf_counter()
            with open(yaml, "w", encoding="utf-8") as f:
                f.write(original.replace(title, title + marker, 1))
            event = next_event()
            times["reload"].append((time.perf_counter() - started) * 1000)
            if event != "reload":
                raise SystemExit(f"round {round_}: event {event}, not reload")
            bodies = {}
            for name, path in PAGES:
                ms, bodies[name] = fetch(path.format(slug=slug, province_page=province_page))
                times[name].append(ms)
            current = all(marker in bodies[n].decode() for n in ("programme", "province", "feed"))
            line = ", ".join(f"{n} {times[n][-1]:.1f}" for n in times)
            print(f"round {round_}: {line} ms; new title shown: {current}", flush=True)
            if not current:
                raise SystemExit("a page still shows the old title")
            time.sleep(0.3)
    finally:
        with open(yaml, "w", encoding="utf-8") as f:
            f.write(original)
    medians = ", ".join(f"{n} {statistics.median(v):.1f}" for n, v in times.items())
    status = open(f"/proc/{pid}/status").read()
    peak = re.search(r"VmHWM:\s+(\d+) kB", status).group(1)
    print(f"medians over {rounds} edits (ms): {medians}; serve peak RSS {int(peak) // 1024} MB")


if __name__ == "__main__":
    main()
