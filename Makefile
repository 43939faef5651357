.PHONY: setup demo test lint bench

setup:
	scripts/system-deps
	scripts/setup

demo: setup
	.venv/bin/scrutiny serve --demo

test:
	scripts/test

lint:
	.venv/bin/ruff check .
	.venv/bin/mypy
