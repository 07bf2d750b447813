"""Warm WeasyPrint: one Python process, N documents. Used by bench/compare.sh.

    python3 weasyprint_warm.py ARTICLE_HTML OUT_DIR N

Prints one line:
    wall_ms_per_doc cpu_ms_per_doc peak_rss_mb pdf_bytes
The import and one warm-up document are not counted; each document parses
the HTML file again, as a service would for a new article.
"""

import os
import resource
import sys
import time

import weasyprint


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: weasyprint_warm.py ARTICLE_HTML OUT_DIR N")
    src, out_dir, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if n <= 0:
        sys.exit("N must be positive")

    def render(path):
        weasyprint.HTML(filename=src).write_pdf(path)

    render(os.path.join(out_dir, "warmup.pdf"))
    c0, t0 = time.process_time(), time.perf_counter()
    last = ""
    for i in range(n):
        last = os.path.join(out_dir, "warm-%d.pdf" % i)
        render(last)
    wall = (time.perf_counter() - t0) * 1000
    cpu = (time.process_time() - c0) * 1000
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("%.1f %.1f %.0f %d" % (wall / n, cpu / n, peak_kb / 1024, os.path.getsize(last)))


if __name__ == "__main__":
    main()
