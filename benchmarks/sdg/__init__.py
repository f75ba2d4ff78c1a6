"""The SDG Classification Benchmark harness: Liaison against a baseline, in an environment of its
own (`benchmarks/sdg/setup.sh`, then `benchmarks/sdg/.venv/bin/python -m benchmarks.sdg.run`)."""
