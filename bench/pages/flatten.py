#!/usr/bin/env python3
"""Turns `jfr print --events jdk.ExecutionSample --stack-depth 200 x.jfr` (text, on stdin) into one
line per sample, innermost frame first, frames joined by ' < ' (streaming, little memory)."""
import re, sys
frames, inside = [], False
frame = re.compile(r'^\s+([\w$/.<>]+)\.([\w$<>]+)\(')
for line in sys.stdin:
    if 'stackTrace = [' in line:
        frames, inside = [], True
    elif inside and line.strip().startswith(']'):
        print(' < '.join(frames))
        inside = False
    elif inside:
        m = frame.match(line)
        if m:
            frames.append(m.group(1).split('.')[-1] + '.' + m.group(2))
