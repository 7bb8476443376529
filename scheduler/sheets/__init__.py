"""Spreadsheet layout shared by the input adapter (workbook/) and the output adapter (exports/): page setup for print. Imports openpyxl only."""
