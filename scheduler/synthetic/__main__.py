"""python -m scheduler.synthetic OUT.xlsx ...: write a synthetic input workbook."""
from scheduler.synthetic import main

main()
