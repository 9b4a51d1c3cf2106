"""Throughput benchmarks of arnews: ``make bench`` (``python -m benchmarks``)."""
