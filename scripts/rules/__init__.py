"""Checker rules, one module per family.

Each module exposes small generators `check_*(kb) -> Iterator[Finding]` and a
`RULES` tuple; scripts/parity.py runs them all and renders the findings.
"""
