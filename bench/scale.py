"""How large the generated program is: BENCH_SCALE times a program of 40 coaches. The
generators and the summary line read the same figures, so what is printed is what was
made."""

import os

SCALE = int(os.environ.get("BENCH_SCALE", "1"))
SERVICES = 50_000 * SCALE
COACHES, PER_COACH, AUDIT = 40 * SCALE, 30, 50_000 * SCALE
PARTNERSHIPS = COACHES * PER_COACH
SUBMISSIONS = 20_000 * SCALE
PROFILE_ENTRIES, BUSY_CHILD_ENTRIES = 100_000 * SCALE, 3_000
POSTS, BUSY_PARTNERSHIP_POSTS = 50_000 * SCALE, 2_000
GATHERINGS, BUSY_GATHERING_REPLIES = 120 * SCALE, 2_000
