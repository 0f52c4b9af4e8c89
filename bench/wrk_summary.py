"""Reads wrk --latency output on stdin, prints "requests/s p50_ms p99_ms errors"
(and wrk's own output on stderr when it cannot be read)."""
import re
import sys

text = sys.stdin.read()
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def ms(label: str) -> float:
    m = re.search(rf"{label}\s+([\d.]+)(us|ms|s|m)\b", text)
    return float(m.group(1)) * UNITS[m.group(2)]


try:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50, p99 = ms("50%"), ms("99%")
except (AttributeError, KeyError):
    sys.stderr.write(text)
    print("0 0 0 unreadable")
    sys.exit(0)
errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
for m in re.finditer(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text):
    errors += sum(int(g) for g in m.groups())
print(f"{rps:.0f} {p50:.2f} {p99:.2f} {errors}")
