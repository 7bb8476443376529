"""`python -m scheduler` runs the same command as `scheduler`."""
from scheduler.cli import main

main()
