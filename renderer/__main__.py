"""`python -m renderer` runs the `podcast` command."""

from .cli import main

main()
