#!/usr/bin/env python3
"""Where a page's CPU goes: reads `jfr print --json --stack-depth 200 --events jdk.ExecutionSample`
from stdin and, for the samples whose stack passes through CONTROLLER_METHOD (a substring of a
frame, e.g. ReviewerController.queue, or 'any' for all request threads), prints the share of
samples by category (the first matching frame from the top of the stack down) and the top
self-time methods.
Usage: jfr print --json --stack-depth 200 --events jdk.ExecutionSample x.jfr | profile.py FRAME"""
import json, sys, collections

target = sys.argv[1]
# Categories, checked from the top of the stack (innermost frame) down: the first match wins.
CATEGORIES = [
    ("password encoding", ("crypto.bcrypt", "crypto.password")),
    ("JDBC driver / socket", ("org.postgresql", "com.zaxxer.hikari")),
    ("Hibernate / JPA", ("org.hibernate", "org.springframework.orm", "org.springframework.data.jpa",
                         "org.springframework.data.repository", "org.springframework.data.mapping")),
    ("Thymeleaf rendering", ("org.thymeleaf", "org.attoparser", "thymeleaf")),
    ("message resolution", ("MessageSource", "ResourceBundle", "MessageFormat")),
    ("Spring Security filters", ("org.springframework.security",)),
    ("session / Tomcat", ("org.apache.catalina", "org.apache.coyote", "org.apache.tomcat")),
    ("Spring MVC", ("org.springframework.web",)),
    ("transactions / AOP", ("org.springframework.transaction", "org.springframework.aop")),
    ("metrics / observation", ("io.micrometer",)),
    ("logging", ("ch.qos.logback", "org.slf4j")),
    ("portal code", ("kr.aifellows",)),
]
data = json.load(sys.stdin)
events = data["recording"]["events"]
by_cat, by_top, n = collections.Counter(), collections.Counter(), 0
for e in events:
    frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
    names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
    if target == "any":
        if not any("org.apache.coyote" in x for x in names):
            continue
    elif not any(target in x for x in names):
        continue
    n += 1
    by_top[names[0] if names else "?"] += 1
    cat = "other (JDK, collections, ...)"
    for x in names:
        hit = next((c for c, keys in CATEGORIES if any(k in x for k in keys)), None)
        if hit:
            cat = hit
            break
    by_cat[cat] += 1
print(f"{n} samples through {target}")
for c, k in by_cat.most_common():
    print(f"  {100.0 * k / max(n, 1):5.1f}%  {c}")
print("top self-time methods:")
for m, k in by_top.most_common(15):
    print(f"  {100.0 * k / max(n, 1):5.1f}%  {m}")
